using System.Globalization;
using Azure.Data.Tables;
using FunctionsDownloader.Storage;

namespace FunctionsDownloader.Monitoring;

/// <summary>
/// Counters kept in Table Storage, so that every instance, and every restart, reads the same totals.
/// Each counter is split over <see cref="ShardCount"/> shards (partitions of the counters table): an
/// update adds its deltas to one shard picked at random, in one transaction guarded by the rows'
/// ETags, so that concurrent writers seldom meet; one that loses waits a random moment and tries
/// another shard. A read sums the shards.
/// </summary>
public sealed class CounterStore(ServiceTables tables)
{
    /// <summary>How many shards updates are spread over. Reads sum whatever shards exist, so it may change.</summary>
    public const int ShardCount = 16;

    /// <summary>The counters table's short name (the configured prefix is added).</summary>
    public const string TableName = "counters";

    private const int MaxAttempts = 30;
    private const int MaxBackoffMilliseconds = 250;

    /// <summary>Adds each delta to its counter, all in one shard and one transaction.</summary>
    /// <exception cref="InvalidOperationException">Every attempt met a concurrent writer.</exception>
    public async Task AddAsync(IReadOnlyDictionary<string, long> deltas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        string[] names = [.. deltas.Where(d => d.Value != 0).Select(d => d.Key)];
        if (names.Length == 0)
        {
            return;
        }

        TableClient table = await tables.GetAsync(TableName, cancellationToken);
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            string shard = string.Create(CultureInfo.InvariantCulture, $"shard-{Random.Shared.Next(ShardCount)}");
            Dictionary<string, CounterRow> current = await ReadShardAsync(table, shard, names, cancellationToken);
            List<TableTransactionAction> actions =
                [.. names.Select(name => Action(shard, name, deltas[name], current))];
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another writer changed or created one of these rows since they were read. A burst
                // (a batch creating a hundred jobs) meets often: waiting a random, growing moment
                // spreads the writers out.
                int ceiling = Math.Min(MaxBackoffMilliseconds, 10 << Math.Min(attempt, 8));
                await Task.Delay(Random.Shared.Next(ceiling), cancellationToken);
            }
        }

        throw new InvalidOperationException(
            $"The counters {string.Join(", ", names)} kept changing under {MaxAttempts} attempts to update them.");
    }

    /// <summary>Every counter's total over all shards, by name.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReadTotalsAsync(CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(TableName, cancellationToken);
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (CounterRow row in table.QueryAsync<CounterRow>(
            select: [nameof(CounterRow.RowKey), nameof(CounterRow.Value)], cancellationToken: cancellationToken))
        {
            totals[row.RowKey] = totals.GetValueOrDefault(row.RowKey) + row.Value;
        }

        return totals;
    }

    private static TableTransactionAction Action(
        string shard,
        string name,
        long delta,
        Dictionary<string, CounterRow> current) =>
        current.TryGetValue(name, out CounterRow? row)
            ? new TableTransactionAction(
                TableTransactionActionType.UpdateReplace,
                new CounterRow { PartitionKey = shard, RowKey = name, Value = row.Value + delta },
                row.ETag)
            : new TableTransactionAction(
                TableTransactionActionType.Add,
                new CounterRow { PartitionKey = shard, RowKey = name, Value = delta });

    private static async Task<Dictionary<string, CounterRow>> ReadShardAsync(
        TableClient table,
        string shard,
        IEnumerable<string> names,
        CancellationToken cancellationToken)
    {
        string rows = string.Join(" or ", names.Select(n => TableClient.CreateQueryFilter($"RowKey eq {n}")));
        string filter = $"{TableClient.CreateQueryFilter($"PartitionKey eq {shard}")} and ({rows})";
        var found = new Dictionary<string, CounterRow>(StringComparer.Ordinal);
        await foreach (CounterRow row in table.QueryAsync<CounterRow>(filter, cancellationToken: cancellationToken))
        {
            found[row.RowKey] = row;
        }

        return found;
    }
}
