using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using FunctionsDownloader.Configuration;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Storage;

/// <summary>
/// Signs with the account key when the client has one (Azurite, connection strings), and with a
/// cached user delegation key otherwise (managed identity in Azure).
/// </summary>
public sealed class SasLinkIssuer(StorageAccount account, IOptions<DownloaderOptions> options, TimeProvider clock)
    : ISasLinkIssuer, IDisposable
{
    // A user delegation key may live at most seven days; renew well before it ends.
    private static readonly TimeSpan DelegationKeyLifetime = TimeSpan.FromDays(6);
    private readonly SemaphoreSlim _keyLock = new(1, 1);
    private UserDelegationKey? _delegationKey;

    /// <inheritdoc />
    public async Task<Uri> IssueReadLinkAsync(
        string blobName,
        DateTimeOffset expiresOn,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);

        BlobClient blob = account.Blobs
            .GetBlobContainerClient(options.Value.ResultsContainer)
            .GetBlobClient(blobName);
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresOn)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
            // Clock skew between this machine and storage must not make a fresh link invalid.
            StartsOn = clock.GetUtcNow().AddMinutes(-5),
        };

        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(sas);
        }

        UserDelegationKey key = await GetDelegationKeyAsync(expiresOn, cancellationToken);
        var builder = new BlobUriBuilder(blob.Uri)
        {
            Sas = sas.ToSasQueryParameters(key, account.Blobs.AccountName),
        };
        return builder.ToUri();
    }

    /// <inheritdoc />
    public void Dispose() => _keyLock.Dispose();

    private async Task<UserDelegationKey> GetDelegationKeyAsync(
        DateTimeOffset linkExpiresOn,
        CancellationToken cancellationToken)
    {
        await _keyLock.WaitAsync(cancellationToken);
        try
        {
            DateTimeOffset now = clock.GetUtcNow();
            if (_delegationKey is null || _delegationKey.SignedExpiresOn < linkExpiresOn)
            {
                DateTimeOffset keyExpiry = now + DelegationKeyLifetime;
                if (keyExpiry < linkExpiresOn)
                {
                    keyExpiry = linkExpiresOn;
                }

                var response = await account.Blobs.GetUserDelegationKeyAsync(
                    new BlobGetUserDelegationKeyOptions(keyExpiry) { StartsOn = now.AddMinutes(-5) },
                    cancellationToken);
                _delegationKey = response.Value;
            }

            return _delegationKey;
        }
        finally
        {
            _keyLock.Release();
        }
    }
}
