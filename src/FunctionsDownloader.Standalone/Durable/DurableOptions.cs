namespace FunctionsDownloader.Standalone.Durable;

/// <summary>Settings of the Standalone host's Durable Task backend (section <c>DurableTask</c>).</summary>
public sealed class DurableOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "DurableTask";

    /// <summary>The task hub; instances that share it share the work.</summary>
    public string HubName { get; set; } = "FunctionsDownloader";

    /// <summary>Control-queue partitions, spread across the instances that share the hub.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Longest wait between queue polls when idle, in milliseconds (lower reacts faster, costs more transactions).</summary>
    public int MaxQueuePollingIntervalMilliseconds { get; set; } = 1000;

    /// <summary>Activities (downloads) one instance runs at once.</summary>
    public int MaxConcurrentActivities { get; set; } = 4;

    /// <summary>
    /// How long a running activity's lock lasts before it is renewed (every third of it); when an
    /// instance dies, its downloads are picked up again within about this time.
    /// </summary>
    public int ActivityLockSeconds { get; set; } = 60;

    /// <summary>Orchestration work items one instance runs at once.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 20;
}
