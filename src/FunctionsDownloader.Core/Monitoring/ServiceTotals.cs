namespace FunctionsDownloader.Monitoring;

/// <summary>
/// The service's totals as stored in the counters: the one source of <c>/api/v1/metrics</c> and
/// <c>/api/v1/stats</c>, so the two agree with each other and across instances. Counts that drifted
/// below zero (a change written before counting existed, say) read as zero.
/// </summary>
public sealed record ServiceTotals(
    IReadOnlyDictionary<string, long> JobsByStatus,
    long JobsCreated,
    IReadOnlyList<DurationBucket> Durations,
    long DownloadedBytes,
    long StoredBytes,
    IReadOnlyDictionary<string, long> RateLimitRejections)
{
    /// <summary>Batches by status (<see cref="CounterNames.BatchStatuses"/>).</summary>
    public IReadOnlyDictionary<string, long> BatchesByStatus { get; init; } = new Dictionary<string, long>();

    /// <summary>Batches ever created, by kind (<see cref="CounterNames.BatchKinds"/>).</summary>
    public IReadOnlyDictionary<string, long> BatchesCreated { get; init; } = new Dictionary<string, long>();

    /// <summary>Jobs in any status.</summary>
    public long TotalJobs => JobsByStatus.Values.Sum();

    /// <summary>Reads the counters.</summary>
    public static async Task<ServiceTotals> ReadAsync(CounterStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return From(await store.ReadTotalsAsync(cancellationToken));
    }

    /// <summary>The totals in <paramref name="counters"/> (counter name to value).</summary>
    public static ServiceTotals From(IReadOnlyDictionary<string, long> counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        long Read(string name) => Math.Max(0, counters.GetValueOrDefault(name));

        List<DurationBucket> durations = [];
        foreach (string status in CounterNames.FinalStatuses)
        {
            for (int bucket = 0; bucket <= CounterNames.DurationBuckets.Count; bucket++)
            {
                double bound = bucket < CounterNames.DurationBuckets.Count
                    ? CounterNames.DurationBuckets[bucket]
                    : double.PositiveInfinity;
                durations.Add(new DurationBucket(
                    status,
                    bound,
                    Read(CounterNames.DurationCount(status, bucket)),
                    Read(CounterNames.DurationMilliseconds(status, bucket)) / 1000.0));
            }
        }

        return new ServiceTotals(
            CounterNames.Statuses.ToDictionary(s => s, s => Read(CounterNames.JobsIn(s)), StringComparer.Ordinal),
            Read(CounterNames.JobsCreated),
            durations,
            Read(CounterNames.DownloadedBytes),
            Read(CounterNames.StoredBytes),
            CounterNames.RateLimitCategories.ToDictionary(
                c => c, c => Read(CounterNames.RateLimited(c)), StringComparer.Ordinal))
        {
            BatchesByStatus = CounterNames.BatchStatuses.ToDictionary(
                s => s, s => Read(CounterNames.BatchesIn(s)), StringComparer.Ordinal),
            BatchesCreated = CounterNames.BatchKinds.ToDictionary(
                k => k, k => Read(CounterNames.BatchesCreated(k)), StringComparer.Ordinal),
        };
    }
}

/// <summary>
/// One bucket of the job duration histogram, not cumulative: the jobs that ended in
/// <paramref name="Status"/> after more than the previous bucket's bound and at most
/// <paramref name="UpperBound"/> seconds, and the sum of their durations.
/// </summary>
public sealed record DurationBucket(string Status, double UpperBound, long Count, double SumSeconds);
