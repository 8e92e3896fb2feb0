using System.Globalization;
using Azure;
using Azure.Data.Tables;
using FunctionsDownloader.Storage;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Security;

/// <summary>
/// Sliding-window limits kept in Table Storage, so every instance counts the same requests. Each
/// request adds a row of its own (partition = category and subject), then reads the window and is
/// admitted when its row is within the limit counting from the oldest; otherwise it deletes its row
/// again, so a refused request is not counted. Rows are ordered by the time storage committed them
/// (the rows' <c>Timestamp</c>), not by the instances' clocks: a request whose clock reads earlier
/// but whose row lands later (a slow insert, another instance's clock running behind) ranks after
/// the rows already there. A request sees every row committed before its own, so at most the limit
/// is admitted; rows committed in the same tick count against each other, erring towards refusing.
/// Rows are only ever inserted, never updated, so a burst of parallel requests does not contend for
/// one record.
/// </summary>
public sealed class RequestRateLimiter(ServiceTables tables, IOptions<RateLimitOptions> options, TimeProvider clock)
{
    /// <summary>The table's short name.</summary>
    public const string TableName = "ratelimits";

    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    // How far the instances' clocks may disagree: row keys (from the instance's clock) only narrow the
    // query, so they are read with this much slack.
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(1);

    /// <summary>Counts a request of <paramref name="subject"/> in <paramref name="category"/> if the limits allow it.</summary>
    public async Task<RateLimitDecision> CheckAsync(string subject, string category, CancellationToken cancellationToken)
    {
        RateLimitWindow limits = options.Value.For(category);
        TableClient table = await tables.GetAsync(TableName, cancellationToken);
        string partition = KeyOf(category + "|" + subject);

        DateTimeOffset now = clock.GetUtcNow();
        string own = RowKeyOf(now) + "-" + Guid.NewGuid().ToString("N")[..8];
        await table.AddEntityAsync(new TableEntity(partition, own), cancellationToken);

        string from = RowKeyOf(now - Minute - ClockSlack);
        var hits = new List<(string RowKey, DateTimeOffset Committed)>();
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from}"),
            select: ["RowKey", "Timestamp"],
            cancellationToken: cancellationToken))
        {
            hits.Add((row.RowKey, row.Timestamp ?? DateTimeOffset.MinValue));
        }

        // The window ends at this request's own commit: only what storage took before it, or in the same
        // tick, counts.
        // Storage is strongly consistent, so the row just added is among those read.
        DateTimeOffset committed = hits.Single(h => h.RowKey == own).Committed;
        DateTimeOffset[] upToOwn = [.. hits.Where(h => h.Committed <= committed).Select(h => h.Committed).Order()];
        (bool okSecond, int remainingSecond, TimeSpan resetSecond) =
            Window(upToOwn, committed, Second, limits.PerSecond);
        (bool okMinute, int remainingMinute, TimeSpan resetMinute) =
            Window(upToOwn, committed, Minute, limits.PerMinute);

        if (!okSecond || !okMinute)
        {
            await ForgetAsync(table, partition, own);
            return okMinute
                ? new RateLimitDecision(false, limits.PerSecond, 0, resetSecond)
                : new RateLimitDecision(false, limits.PerMinute, 0, resetMinute);
        }

        return remainingMinute <= remainingSecond
            ? new RateLimitDecision(true, limits.PerMinute, remainingMinute, resetMinute)
            : new RateLimitDecision(true, limits.PerSecond, remainingSecond, resetSecond);
    }

    /// <summary>Deletes rows older than the longest window; housekeeping calls this.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        TableClient table = await tables.GetAsync(TableName, cancellationToken);
        string before = RowKeyOf(clock.GetUtcNow() - (2 * Minute));
        int deleted = 0;
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"RowKey lt {before}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await ForgetAsync(table, row.PartitionKey, row.RowKey);
            deleted++;
        }

        return deleted;
    }

    /// <summary>Whether the hits up to and including this request fit in the window, what is left and when it frees up.</summary>
    private static (bool Ok, int Remaining, TimeSpan Reset) Window(
        DateTimeOffset[] hits, DateTimeOffset now, TimeSpan length, int limit)
    {
        if (limit <= 0)
        {
            return (true, int.MaxValue, TimeSpan.Zero);
        }

        DateTimeOffset[] inWindow = [.. hits.Where(h => now - h < length)];
        int used = inWindow.Length;
        TimeSpan reset = inWindow.Length == 0 ? length : inWindow[0] + length - now;
        reset = reset < TimeSpan.Zero ? TimeSpan.Zero : reset;
        return (used <= limit, Math.Max(0, limit - used), reset);
    }

    private static async Task ForgetAsync(TableClient table, string partition, string rowKey)
    {
        try
        {
            await table.DeleteEntityAsync(partition, rowKey, ETag.All, CancellationToken.None);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone.
        }
    }

    private static string RowKeyOf(DateTimeOffset time) =>
        time.ToUnixTimeMilliseconds().ToString("D13", CultureInfo.InvariantCulture);

    // Table keys may not hold '/', '\', '#', '?' or control characters.
    private static string KeyOf(string value) =>
        new([.. value.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c)]);
}
