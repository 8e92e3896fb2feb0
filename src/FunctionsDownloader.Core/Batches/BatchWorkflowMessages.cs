namespace FunctionsDownloader.Batches;

/// <summary>The input of <see cref="ExpandBatchActivity"/>: which attempt this is, and whether it is last.</summary>
public sealed record BatchExpansion(string BatchId, int Attempt, bool LastAttempt);

/// <summary>
/// What <see cref="ExpandBatchActivity"/> tells <see cref="BatchOrchestrator"/>: how many jobs there are and
/// how to run them, or that listing failed for a passing reason and is worth another try.
/// </summary>
public sealed record BatchPlan(int Total, int ConcurrentLimit, int PageSize, bool Archive, bool RetryLater = false)
{
    /// <summary>A batch with nothing to run.</summary>
    public static BatchPlan Nothing { get; } = new(0, 1, 1, false);
}

/// <summary>
/// The input of <see cref="BatchPageOrchestrator"/>: the <see cref="Count"/> items from position <see cref="First"/>.
/// </summary>
public sealed record BatchPage(string BatchId, int First, int Count, int ConcurrentLimit);

/// <summary>What <see cref="FinishBatchActivity"/> decided: the final status, and whether the webhook is due.</summary>
public sealed record BatchFinish(string Status, bool CallbackDue);
