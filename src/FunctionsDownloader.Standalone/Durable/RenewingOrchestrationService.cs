using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;

namespace FunctionsDownloader.Standalone.Durable;

/// <summary>
/// Makes up for two shortcomings of the sidecar over the Azure Storage backend. It keeps the locks of running
/// activities alive, and it hands the backend sub-orchestration starts it can read back (see
/// <see cref="CompleteTaskOrchestrationWorkItemAsync"/>). The sidecar's dispatcher never renews an activity
/// work item, so with the Azure Storage backend a download longer than the work-item visibility
/// timeout would reappear on the queue and run a second time. This decorator renews every locked
/// activity until it completes or is abandoned, which lets the visibility timeout stay short: a
/// host that dies loses its locks within that time, and another instance (or the restarted one)
/// picks the work up.
/// </summary>
internal sealed class RenewingOrchestrationService(IOrchestrationService inner, TimeSpan renewEvery, ILogger logger)
    : IOrchestrationService
{
    private readonly ConcurrentDictionary<TaskActivityWorkItem, CancellationTokenSource> _renewals = new();

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;
    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;
    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;
    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        TaskActivityWorkItem workItem = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
        if (workItem is not null)
        {
            var stop = new CancellationTokenSource();
            _renewals[workItem] = stop;
            _ = RenewUntilDoneAsync(workItem, stop.Token);
        }

        return workItem!;
    }

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        await StopRenewingAsync(workItem);
        await inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        await StopRenewingAsync(workItem);
        await inner.AbandonTaskActivityWorkItemAsync(workItem);
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) =>
        inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task StartAsync() => inner.StartAsync();
    public Task StopAsync() => inner.StopAsync();
    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);
    public Task CreateAsync() => inner.CreateAsync();
    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);
    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();
    public Task DeleteAsync() => inner.DeleteAsync();
    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) =>
        inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) =>
        inner.GetDelayInSecondsAfterOnFetchException(exception);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(
        TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) =>
        inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        // The sidecar starts a sub-orchestration with the tags of the worker's gRPC message, a protobuf
        // MapField. The Azure Storage backend writes queue messages with .NET type names, and cannot load
        // that type when it reads the message back: the child would never start. A plain dictionary it can.
        foreach (TaskMessage message in orchestratorMessages ?? [])
        {
            if (message.Event is ExecutionStartedEvent { Tags: { } tags } started &&
                tags is not Dictionary<string, string>)
            {
                started.Tags = new Dictionary<string, string>(tags, StringComparer.Ordinal);
            }
        }

        // It also records the start in the parent's history as its own subclass of the event, which the backend
        // writes without an EventType, so that the parent's history could never be loaded again.
        if (newOrchestrationRuntimeState is not null)
        {
            PlainSubOrchestrationEvents(newOrchestrationRuntimeState.Events);
            PlainSubOrchestrationEvents(newOrchestrationRuntimeState.NewEvents);
        }

        return inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage,
            orchestrationState);
    }

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) =>
        inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) =>
        inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    private static void PlainSubOrchestrationEvents(IList<HistoryEvent> events)
    {
        for (int i = 0; i < events.Count; i++)
        {
            if (events[i] is SubOrchestrationInstanceCreatedEvent created &&
                created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                events[i] = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Name = created.Name,
                    Version = created.Version,
                    InstanceId = created.InstanceId,
                    Input = created.Input,
                    Timestamp = created.Timestamp,
                    IsPlayed = created.IsPlayed,
                };
            }
        }
    }

    private async Task RenewUntilDoneAsync(TaskActivityWorkItem workItem, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(renewEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await inner.RenewTaskActivityWorkItemLockAsync(workItem);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A missed renewal is retried at the next tick; the lock lasts several ticks.
                    logger.LogWarning(e, "Could not renew the lock of activity work item {WorkItemId}", workItem.Id);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The activity finished.
        }
    }

    private async Task StopRenewingAsync(TaskActivityWorkItem workItem)
    {
        if (_renewals.TryRemove(workItem, out CancellationTokenSource? stop))
        {
            await stop.CancelAsync();
            stop.Dispose();
        }
    }
}
