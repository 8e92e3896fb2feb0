using FunctionsDownloader.Batches;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Webhooks;
using Microsoft.DurableTask;

namespace FunctionsDownloader.Hosting;

/// <summary>
/// Every orchestrator and activity of the service. The Standalone host registers them from here;
/// the Functions app has one <c>[Function]</c> per entry, named the same (a test compares them).
/// </summary>
public static class WorkflowCatalog
{
    /// <summary>The orchestrator types.</summary>
    public static IReadOnlyList<Type> Orchestrators { get; } =
        [typeof(DownloadOrchestrator), typeof(BatchOrchestrator), typeof(BatchPageOrchestrator)];

    /// <summary>The activity types.</summary>
    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(ResolveMediaActivity),
        typeof(DownloadMediaActivity),
        typeof(FailJobActivity),
        typeof(LogJobEventActivity),
        typeof(SendWebhookActivity),
        typeof(ExpandBatchActivity),
        typeof(BuildBatchArchiveActivity),
        typeof(FinishBatchActivity),
        typeof(SendBatchWebhookActivity),
    ];

    /// <summary>Adds every orchestrator and activity to a Durable Task registry.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);

        foreach (Type orchestrator in Orchestrators)
        {
            registry.AddOrchestrator(orchestrator);
        }

        foreach (Type activity in Activities)
        {
            registry.AddActivity(activity);
        }
    }
}
