namespace FunctionsDownloader.Storage;

/// <summary>
/// Issues read-only, expiring links to result blobs. Azure uses a user delegation SAS (shared keys
/// are disabled there); Azurite can only do a service SAS signed with the account key.
/// </summary>
public interface ISasLinkIssuer
{
    /// <summary>A read-only link to <paramref name="blobName"/> that stops working at <paramref name="expiresOn"/>.</summary>
    Task<Uri> IssueReadLinkAsync(string blobName, DateTimeOffset expiresOn, CancellationToken cancellationToken);
}
