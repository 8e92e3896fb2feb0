namespace FunctionsDownloader.Batches;

/// <summary>The input of <see cref="ExpandBatchActivity"/>: which attempt this is, and whether it is the last.</summary>
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

/// <summary>The input of <see cref="BatchPageOrchestrator"/>: items <see cref="First"/> to <see cref="First"/> + <see cref="Count"/> − 1.</summary>
public sealed record BatchPage(string BatchId, int First, int Count, int ConcurrentLimit);

/// <summary>What <see cref="FinishBatchActivity"/> decided: the batch's final status, and whether its webhook is due.</summary>
public sealed record BatchFinish(string Status, bool CallbackDue);
