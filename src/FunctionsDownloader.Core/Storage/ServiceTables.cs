using System.Collections.Concurrent;
using Azure.Data.Tables;
using FunctionsDownloader.Configuration;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Storage;

/// <summary>
/// Hands out the service's tables, creating each one the first time it is used in this process.
/// </summary>
public sealed class ServiceTables(StorageAccount account, IOptions<DownloaderOptions> options)
{
    private readonly ConcurrentDictionary<string, CachedInitialization<TableClient>> _tables =
        new(StringComparer.Ordinal);

    /// <summary>The jobs table.</summary>
    public Task<TableClient> JobsAsync(CancellationToken cancellationToken) => GetAsync("jobs", cancellationToken);

    /// <summary>The per-job log lines table.</summary>
    public Task<TableClient> JobLogsAsync(CancellationToken cancellationToken) =>
        GetAsync("joblogs", cancellationToken);

    /// <summary>A table of the service by its short name (the configured prefix is added).</summary>
    public Task<TableClient> GetAsync(string shortName, CancellationToken cancellationToken)
    {
        string name = options.Value.TablePrefix + shortName;
        return _tables
            .GetOrAdd(name, n => new CachedInitialization<TableClient>(() => CreateAsync(n)))
            .GetAsync(cancellationToken);
    }

    private async Task<TableClient> CreateAsync(string name)
    {
        TableClient table = account.Tables.GetTableClient(name);
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
