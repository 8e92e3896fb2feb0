using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Downloads;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FunctionsDownloader.Storage;

/// <summary>
/// Stores finished files as <c>{request_id}/{safe file name}</c> in the results container, with
/// their content type and an attachment <c>Content-Disposition</c>. Re-uploading the same job
/// overwrites the same blob, so a retried activity never leaves two copies.
/// </summary>
public sealed class ResultStore(StorageAccount account, IOptions<DownloaderOptions> options)
{
    private const int BlockSize = 8 * 1024 * 1024;

    // A file on disk up to 256 MiB (the SDK's own threshold) goes up in one request straight from the
    // file, unbuffered: measured against Azurite on two cores, that took half the time of 8 MiB blocks
    // (1.5-1.9 s against 2.7-4.4 s for 200 MB; bench/ and docs/performance.md). A larger file goes
    // in parallel blocks, which keep the account busy while each PUT waits on the network and retry
    // a block rather than the whole file (about 8 x 8 MiB of buffers).
    private static readonly StorageTransferOptions FileTransfer = new()
    {
        InitialTransferSize = 256 * 1024 * 1024,
        MaximumTransferSize = BlockSize,
        MaximumConcurrency = 8,
    };

    // A pipe is buffered a block at a time before each PUT, so the blocks in flight are the memory a
    // streamed download holds (about 5 x 8 MiB); four keep up with a fast site.
    private static readonly StorageTransferOptions StreamTransfer = new()
    {
        InitialTransferSize = BlockSize,
        MaximumTransferSize = BlockSize,
        MaximumConcurrency = 4,
    };
    private readonly CachedInitialization<BlobContainerClient> _container =
        new(() => account.PrivateContainerAsync(options.Value.ResultsContainer));

    /// <summary>The results container, for what is stored beside the jobs' files (batch archives, listings).</summary>
    public Task<BlobContainerClient> ContainerAsync(CancellationToken cancellationToken) =>
        _container.GetAsync(cancellationToken);

    /// <summary>The blob name of a job's file.</summary>
    public static string BlobName(string requestId, string fileName) => $"{requestId}/{fileName}";

    /// <summary>Uploads <paramref name="path"/> with parallel blocks.</summary>
    public async Task<StoredFile> UploadFileAsync(
        string requestId,
        string path,
        string title,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        string extension = Path.GetExtension(path).TrimStart('.');
        await using FileStream file = File.OpenRead(path);
        return await UploadAsync(requestId, file, title, extension, progress, cancellationToken);
    }

    /// <summary>
    /// Uploads <paramref name="content"/> (a file, or a pipe read while it arrives) as the job's result,
    /// in parallel blocks; the blob appears only when the last block is committed.
    /// </summary>
    public async Task<StoredFile> UploadAsync(
        string requestId,
        Stream content,
        string title,
        string extension,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);

        string fileName = SafeFileName.FromTitle(title, extension);
        string contentType = MediaFormats.ContentType(extension);
        BlobClient blob = (await _container.GetAsync(cancellationToken)).GetBlobClient(BlobName(requestId, fileName));

        var upload = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders
            {
                ContentType = contentType,
                ContentDisposition = ContentDisposition(fileName),
            },
            TransferOptions = content.CanSeek ? FileTransfer : StreamTransfer,
            ProgressHandler = progress,
        };
        await blob.UploadAsync(content, upload, cancellationToken);
        BlobProperties properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        return new StoredFile(blob.Name, fileName, properties.ContentLength, contentType);
    }

    /// <summary>Deletes every blob of a job (there is normally one).</summary>
    public async Task DeleteJobFilesAsync(string requestId, CancellationToken cancellationToken)
    {
        BlobContainerClient container = await _container.GetAsync(cancellationToken);
        await foreach (BlobItem item in container.GetBlobsAsync(
            new GetBlobsOptions { Prefix = requestId + "/" }, cancellationToken))
        {
            try
            {
                await container.DeleteBlobIfExistsAsync(
                    item.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Already gone.
            }
        }
    }

    /// <summary>The names of a job's blobs.</summary>
    public async Task<IReadOnlyList<string>> ListJobFilesAsync(string requestId, CancellationToken cancellationToken)
    {
        BlobContainerClient container = await _container.GetAsync(cancellationToken);
        var names = new List<string>();
        await foreach (BlobItem item in container.GetBlobsAsync(
            new GetBlobsOptions { Prefix = requestId + "/" }, cancellationToken))
        {
            names.Add(item.Name);
        }

        return names;
    }

    /// <summary>An attachment disposition with an RFC 5987 UTF-8 name and an ASCII fallback.</summary>
    public static string ContentDisposition(string fileName)
    {
        var header = new ContentDispositionHeaderValue("attachment")
        {
            FileName = "\"" + SafeFileName.AsciiFallback(fileName) + "\"",
            FileNameStar = fileName,
        };
        return header.ToString();
    }
}
