using System.Diagnostics;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Monitoring;
using FunctionsDownloader.Storage;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Tests.Monitoring;

/// <summary>The sharded counters in Table Storage under contention.</summary>
[Collection(ServiceGroup.Name)]
public sealed class CounterStoreTests(ServiceFixture service)
{
    [Fact(Timeout = 60_000)]
    public async Task A_burst_of_concurrent_updates_from_two_stores_counts_every_one()
    {
        // Arrange: two stores (as on two instances) over one counters table of their own.
        var options = Options.Create(new DownloaderOptions { TablePrefix = "c" + Guid.NewGuid().ToString("N")[..10] });
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?> { ["AzureWebJobsStorage"] = service.Azurite.ConnectionString })
            .Build();
        CounterStore[] stores =
        [
            new(new ServiceTables(StorageAccount.FromConfiguration(configuration), options)),
            new(new ServiceTables(StorageAccount.FromConfiguration(configuration), options)),
        ];
        var clock = Stopwatch.StartNew();

        // Act: 200 updates at once, each adding to two counters, like a job's creation.
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => stores[i % 2].AddAsync(
            new Dictionary<string, long> { ["created"] = 1, ["bytes"] = i }, CancellationToken.None)));
        TimeSpan took = clock.Elapsed;
        IReadOnlyDictionary<string, long> totals = await stores[1].ReadTotalsAsync(CancellationToken.None);

        // Assert
        Assert.Equal(200, totals["created"]);
        Assert.Equal(Enumerable.Range(0, 200).Sum(), totals["bytes"]);
        Assert.True(took < TimeSpan.FromSeconds(20), $"the burst took {took}");
    }
}
