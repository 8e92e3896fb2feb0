using Azure.Data.Tables;
using Azure.Storage.Blobs;
using FunctionsDownloader.Bench.Hosting;
using FunctionsDownloader.Bench.Inputs;
using FunctionsDownloader.Bench.Reporting;
using FunctionsDownloader.MediaSite;

namespace FunctionsDownloader.Bench.Scenarios;

/// <summary>What every scenario works with: the inputs, the site serving them, the host and the baseline.</summary>
public sealed record BenchContext(
    InputSet Inputs,
    LocalMediaSite Site,
    StandaloneHost Host,
    ServiceApi Api,
    BareTools Bare,
    BlobContainerClient Results,
    TableClient Jobs,
    BenchReport Report)
{
    /// <summary>
    /// The URL of an input on the media site, with a query of its own (<c>?run=…</c>, which the site
    /// ignores): the service has never seen it, so its extraction cache cannot answer the resolve step
    /// for it, as it could for a URL a caller had asked <c>/formats</c> about moments before.
    /// </summary>
    public Uri FreshUrl(string relativePath) => LocalMediaSite.FreshUrl(Site.Extra(relativePath));

    /// <summary>Deletes what a job stored, so that Azurite's disk does not fill up over the run.</summary>
    public async Task DeleteStoredAsync(string requestId, CancellationToken cancellationToken)
    {
        await foreach (var blob in Results.GetBlobsAsync(
            new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = requestId + "/" }, cancellationToken))
        {
            await Results.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }
    }
}
