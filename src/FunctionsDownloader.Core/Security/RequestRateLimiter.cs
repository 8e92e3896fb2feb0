using System.Globalization;
using Azure;
using Azure.Data.Tables;
using FunctionsDownloader.Storage;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Security;

/// <summary>
/// Sliding-window limits kept in Table Storage, so every instance counts the same requests: one row
/// per subject and category holds the times of the requests of the last minute, changed under its
/// ETag. A refused request is not counted.
/// </summary>
public sealed class RequestRateLimiter(ServiceTables tables, IOptions<RateLimitOptions> options, TimeProvider clock)
{
    private const string TableName = "ratelimits";
    private const int MaxConflictRetries = 20;
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>Counts a request of <paramref name="subject"/> in <paramref name="category"/> if the limits allow it.</summary>
    public async Task<RateLimitDecision> CheckAsync(string subject, string category, CancellationToken cancellationToken)
    {
        RateLimitWindow limits = options.Value.For(category);
        TableClient table = await tables.GetAsync(TableName, cancellationToken);
        string rowKey = RowKeyOf(subject);

        for (int attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            NullableResponse<TableEntity> response = await table.GetEntityIfExistsAsync<TableEntity>(
                category, rowKey, cancellationToken: cancellationToken);
            TableEntity? existing = response.HasValue ? response.Value : null;
            DateTimeOffset now = clock.GetUtcNow();
            List<DateTimeOffset> hits = existing is null ? [] : ReadHits(existing, now);

            RateLimitDecision decision = Decide(hits, now, limits);
            if (!decision.Allowed)
            {
                return decision;
            }

            hits.Add(now);
            var entity = new TableEntity(category, rowKey) { ["Hits"] = WriteHits(hits) };
            try
            {
                if (existing is not null)
                {
                    await table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await table.AddEntityAsync(entity, cancellationToken);
                }

                return decision;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another request of the same subject counted itself first; count again.
            }
        }

        throw new InvalidOperationException($"The rate-limit counter of '{subject}' kept changing; try again.");
    }

    private static RateLimitDecision Decide(List<DateTimeOffset> hits, DateTimeOffset now, RateLimitWindow limits)
    {
        (bool okSecond, int remainingSecond, TimeSpan resetSecond) = Window(hits, now, Second, limits.PerSecond);
        (bool okMinute, int remainingMinute, TimeSpan resetMinute) = Window(hits, now, Minute, limits.PerMinute);

        if (!okSecond || !okMinute)
        {
            // Report the window that refuses for longest.
            bool minuteBinds = !okMinute;
            return new RateLimitDecision(
                false,
                minuteBinds ? limits.PerMinute : limits.PerSecond,
                0,
                minuteBinds ? resetMinute : resetSecond);
        }

        // This request takes one slot of each window.
        return remainingMinute - 1 <= remainingSecond - 1
            ? new RateLimitDecision(true, limits.PerMinute, remainingMinute - 1, resetMinute)
            : new RateLimitDecision(true, limits.PerSecond, remainingSecond - 1, resetSecond);
    }

    private static (bool Ok, int Remaining, TimeSpan Reset) Window(
        List<DateTimeOffset> hits, DateTimeOffset now, TimeSpan length, int limit)
    {
        if (limit <= 0)
        {
            return (true, int.MaxValue, TimeSpan.Zero);
        }

        DateTimeOffset[] inWindow = [.. hits.Where(h => now - h < length).Order()];
        int remaining = limit - inWindow.Length;
        TimeSpan reset = inWindow.Length == 0 ? length : inWindow[0] + length - now;
        return (remaining > 0, Math.Max(0, remaining), reset < TimeSpan.Zero ? TimeSpan.Zero : reset);
    }

    private static List<DateTimeOffset> ReadHits(TableEntity entity, DateTimeOffset now)
    {
        var hits = new List<DateTimeOffset>();
        foreach (string part in (entity.GetString("Hits") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out long ms))
            {
                DateTimeOffset hit = DateTimeOffset.FromUnixTimeMilliseconds(ms);
                if (now - hit < Minute)
                {
                    hits.Add(hit);
                }
            }
        }

        return hits;
    }

    private static string WriteHits(List<DateTimeOffset> hits) =>
        string.Join(',', hits.Select(h => h.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));

    // Table keys may not hold '/', '\', '#', '?' or control characters.
    private static string RowKeyOf(string subject) =>
        new([.. subject.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c)]);
}
