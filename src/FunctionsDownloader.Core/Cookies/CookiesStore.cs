using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Errors;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Security;
using FunctionsDownloader.Storage;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Cookies;

/// <summary>
/// The cookies vault: files in a private blob container as <c>{owner}/{cookies_id}.txt</c>, and an
/// index row per file (domains, count, size, dates; never a value) in the <c>cookies</c> table.
/// </summary>
public sealed class CookiesStore(StorageAccount account, ServiceTables tables, IOptions<DownloaderOptions> options)
{
    private const string TableName = "cookies";
    private const string Redacted = "[cookie]";
    private readonly CachedInitialization<BlobContainerClient> _container =
        new(() => account.PrivateContainerAsync(options.Value.CookiesContainer));

    /// <summary>The blob name of a cookies file.</summary>
    public static string BlobName(string owner, string cookiesId) => $"{owner}/{cookiesId}.txt";

    /// <summary>Stores a validated file and its index row.</summary>
    public async Task AddAsync(CookiesRecord record, CookiesFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(file);

        BlobClient blob = await BlobAsync(record, cancellationToken);
        var upload = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain; charset=utf-8" },
        };
        await blob.UploadAsync(BinaryData.FromString(file.Text), upload, cancellationToken);

        TableClient table = await tables.GetAsync(TableName, cancellationToken);
        try
        {
            await table.AddEntityAsync(record, cancellationToken);
        }
        catch
        {
            // Without its index row nobody can find or delete the blob; do not leave it behind.
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            throw;
        }
    }

    /// <summary>The index row of a file, or <c>null</c> when there is none with that id.</summary>
    public async Task<CookiesRecord?> GetAsync(string cookiesId, CancellationToken cancellationToken)
    {
        if (!CookiesIds.IsWellFormed(cookiesId))
        {
            return null;
        }

        TableClient table = await tables.GetAsync(TableName, cancellationToken);
        NullableResponse<CookiesRecord> response = await table.GetEntityIfExistsAsync<CookiesRecord>(
            cookiesId, CookiesRecord.FileRowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// The file <paramref name="caller"/> may use, or <c>null</c> (missing or another key's: the same answer).
    /// </summary>
    public async Task<CookiesRecord?> FindAsync(string cookiesId, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        CookiesRecord? record = await GetAsync(cookiesId, cancellationToken);
        return record is not null && caller.CanAccess(record.Owner) ? record : null;
    }

    /// <summary>Checks that a request's <c>cookies_id</c>, if any, names a file the caller may use.</summary>
    /// <exception cref="InvalidRequestException">There is no such file, or it is another key's.</exception>
    public async Task RequireAsync(string? cookiesId, Caller caller, CancellationToken cancellationToken)
    {
        if (cookiesId is not null && await FindAsync(cookiesId, caller, cancellationToken) is null)
        {
            throw new InvalidRequestException(
                "cookies_id",
                $"There is no cookies file '{cookiesId}'. " +
                "Upload one to /api/v1/auth/cookies and use the cookies_id it returns.");
        }
    }

    /// <summary>The files <paramref name="caller"/> may see (the admin key sees all), newest first.</summary>
    public async Task<IReadOnlyList<CookiesRecord>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);

        TableClient table = await tables.GetAsync(TableName, cancellationToken);
        string? filter = caller.IsAdmin ? null : TableClient.CreateQueryFilter($"Owner eq {caller.OwnerId}");
        var records = new List<CookiesRecord>();
        await foreach (CookiesRecord record in table.QueryAsync<CookiesRecord>(
            filter, cancellationToken: cancellationToken))
        {
            records.Add(record);
        }

        return [.. records.OrderByDescending(r => r.CreatedAt)];
    }

    /// <summary>Deletes a file: the index row first, so no new job can pick it up, then the blob.</summary>
    public async Task DeleteAsync(CookiesRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);

        TableClient table = await tables.GetAsync(TableName, cancellationToken);
        await table.DeleteEntityAsync(record.PartitionKey, record.RowKey, ETag.All, cancellationToken);
        BlobClient blob = await BlobAsync(record, cancellationToken);
        await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Writes a job's own copy of file <paramref name="cookiesId"/> into <paramref name="directory"/>
    /// and has <paramref name="log"/> hide every cookie value from then on.
    /// </summary>
    /// <exception cref="CookiesMissingException">The file was deleted after the job was submitted.</exception>
    public async Task<CookiesCopy> CopyForJobAsync(
        string cookiesId,
        string directory,
        JobLogWriter log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);

        CookiesCopy copy = await CopyAsync(cookiesId, directory, cancellationToken);
        foreach (string secret in copy.Secrets)
        {
            log.Redact(secret, Redacted);
        }

        log.Info($"Using cookies file {cookiesId}: {copy.CookieCount} cookies for {copy.DomainCount} domains.");
        return copy;
    }

    /// <summary>
    /// Writes a private copy of file <paramref name="cookiesId"/> into <paramref name="directory"/>
    /// for one yt-dlp run; its <see cref="CookiesCopy.Secrets"/> are the values to keep out of logs.
    /// </summary>
    /// <exception cref="CookiesMissingException">The file no longer exists.</exception>
    public async Task<CookiesCopy> CopyAsync(string cookiesId, string directory, CancellationToken cancellationToken)
    {
        CookiesRecord record = await GetAsync(cookiesId, cancellationToken)
            ?? throw new CookiesMissingException(cookiesId);
        BlobClient blob = await BlobAsync(record, cancellationToken);
        BinaryData content;
        try
        {
            content = (await blob.DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new CookiesMissingException(cookiesId);
        }

        // Stored files were validated on upload; parsing again yields the values to redact.
        CookiesFile file = CookiesFileValidator.Parse(content.ToMemory().Span, long.MaxValue);
        return await CookiesCopy.WriteAsync(file, directory, cancellationToken);
    }

    private async Task<BlobClient> BlobAsync(CookiesRecord record, CancellationToken cancellationToken) =>
        (await _container.GetAsync(cancellationToken)).GetBlobClient(BlobName(record.Owner, record.CookiesId));
}
