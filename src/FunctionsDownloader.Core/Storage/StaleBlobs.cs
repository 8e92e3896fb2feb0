using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace FunctionsDownloader.Storage;

/// <summary>
/// Deletes the blobs under a prefix whose last change is no longer fresh: the sweep of a cache kept in blobs.
/// </summary>
public static class StaleBlobs
{
    /// <summary>
    /// Deletes every blob under <paramref name="prefix"/> of <paramref name="container"/> for which
    /// <paramref name="isFresh"/> of its last-modified time is false; returns how many.
    /// </summary>
    public static async Task<int> DeleteAsync(
        BlobContainerClient container,
        string prefix,
        Func<DateTimeOffset, bool> isFresh,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(isFresh);
        int deleted = 0;
        var listing = new GetBlobsOptions { Prefix = prefix };
        await foreach (BlobItem item in container.GetBlobsAsync(listing, cancellationToken))
        {
            if (item.Properties.LastModified is DateTimeOffset modified && !isFresh(modified))
            {
                await container.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken);
                deleted++;
            }
        }

        return deleted;
    }
}
