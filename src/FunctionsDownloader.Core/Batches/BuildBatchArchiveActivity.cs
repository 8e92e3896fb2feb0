using System.Globalization;
using System.IO.Compression;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Batches;

/// <summary>
/// Packs every completed file of a batch into one zip, stored as <c>{batch_id}/{title}.zip</c> in the
/// results container. Nothing is held in memory or on disk: each item blob is read as a stream into a zip
/// entry, and the zip is written as a stream into the archive blob block by block. Entries are stored, not
/// compressed (media is compressed already), and named <c>{position} - {file name}</c>. Safe to run again:
/// the archive blob is overwritten.
/// </summary>
public sealed class BuildBatchArchiveActivity(
    BatchStore batches,
    BatchJobs batchJobs,
    ResultStore results,
    IOptions<DownloaderOptions> options,
    TimeProvider clock,
    ILogger<BuildBatchArchiveActivity> logger) : TaskActivity<string, bool>
{
    private const int BlockBytes = 4 * 1024 * 1024;

    /// <inheritdoc />
    public override Task<bool> RunAsync(TaskActivityContext context, string input) =>
        ExecuteAsync(input, CancellationToken.None);

    /// <summary>Does the work; called by both hosts.</summary>
    /// <returns>Whether an archive was stored.</returns>
    public async Task<bool> ExecuteAsync(string batchId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(batchId);
        using IDisposable? scope = logger.BeginScope(new Dictionary<string, object> { ["batch_id"] = batchId });

        BatchRecord? batch = await batches.GetAsync(batchId, cancellationToken);
        if (batch is null || batch.IsFinished || batch.Archive is null)
        {
            return false;
        }

        JobRecord[] done =
        [
            .. (await batchJobs.ReadAsync(batch, cancellationToken))
                .Where(j => j.Status == JobStatus.Completed && j.FilePath is not null),
        ];
        if (done.Length == 0)
        {
            await SetStatusAsync(batchId, ArchiveStatus.Empty, cancellationToken);
            return false;
        }

        await SetStatusAsync(batchId, ArchiveStatus.Building, cancellationToken);
        BlobContainerClient container = await results.ContainerAsync(cancellationToken);
        string fileName = SafeFileName.FromTitle(batch.Title ?? "batch-" + batchId[..8], ArchiveStatus.Zip);
        BlockBlobClient archive = container.GetBlockBlobClient($"{batchId}/{fileName}");
        try
        {
            await WriteAsync(container, archive, fileName, done, batch.TotalItems, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.LogError(e, "Writing the archive of batch {BatchId} failed", batchId);
            await archive.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            await SetStatusAsync(batchId, ArchiveStatus.Failed, CancellationToken.None);
            return false;
        }

        long size = (await archive.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
        DateTimeOffset now = clock.GetUtcNow();
        (BatchRecord Batch, bool Applied)? stored = await batches.UpdateAsync(
            batchId,
            b =>
            {
                if (b.IsFinished)
                {
                    return false;
                }

                b.ArchiveStatus = ArchiveStatus.Completed;
                b.ArchivePath = archive.Name;
                b.ArchiveSize = size;
                b.ArchiveDeletionTime = now + options.Value.Retention;
                return true;
            },
            cancellationToken);

        if (stored is not { Applied: true })
        {
            // Cancelled while it was written.
            await archive.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            return false;
        }

        logger.LogInformation(
            "Stored the archive of batch {BatchId}: {Count} files, {Size} bytes", batchId, done.Length, size);
        return true;
    }

    private static async Task WriteAsync(
        BlobContainerClient container,
        BlockBlobClient archive,
        string fileName,
        IReadOnlyList<JobRecord> jobs,
        int total,
        CancellationToken cancellationToken)
    {
        var open = new BlockBlobOpenWriteOptions
        {
            BufferSize = BlockBytes,
            HttpHeaders = new BlobHttpHeaders
            {
                ContentType = "application/zip",
                ContentDisposition = ResultStore.ContentDisposition(fileName),
            },
        };
        int digits = Math.Max(2, total.ToString(CultureInfo.InvariantCulture).Length);
        string width = "D" + digits.ToString(CultureInfo.InvariantCulture);
        await using Stream output = await archive.OpenWriteAsync(overwrite: true, open, cancellationToken);
        await using (ZipArchive zip = await ZipArchive.CreateAsync(
            output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            foreach (JobRecord job in jobs)
            {
                string path = job.FilePath!;
                string name = path[(path.IndexOf('/', StringComparison.Ordinal) + 1)..];
                string position = (job.BatchIndex ?? 0).ToString(width, CultureInfo.InvariantCulture);
                ZipArchiveEntry entry = zip.CreateEntry($"{position} - {name}", CompressionLevel.NoCompression);
                entry.LastWriteTime = job.CompletedAt ?? job.UpdatedAt;
                await using Stream target = await entry.OpenAsync(cancellationToken);
                await using Stream source = await container.GetBlobClient(path).OpenReadAsync(
                    new BlobOpenReadOptions(allowModifications: false) { BufferSize = BlockBytes }, cancellationToken);
                await source.CopyToAsync(target, cancellationToken);
            }
        }
    }

    private async Task SetStatusAsync(string batchId, string status, CancellationToken cancellationToken) =>
        await batches.UpdateAsync(
            batchId,
            b =>
            {
                if (b.IsFinished)
                {
                    return false;
                }

                b.ArchiveStatus = status;
                return true;
            },
            cancellationToken);
}
