namespace FunctionsDownloader.Storage;

/// <summary>
/// Runs an asynchronous initialization once and keeps its result, but forgets a failure so that
/// the next caller tries again (storage that was down for a moment must not stay "down").
/// </summary>
public sealed class CachedInitialization<T>(Func<Task<T>> initialize)
{
    private readonly Lock _gate = new();
    private Task<T>? _task;

    /// <summary>The initialized value.</summary>
    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        Task<T> task;
        lock (_gate)
        {
            task = _task ??= initialize();
        }

        try
        {
            return await task.WaitAsync(cancellationToken);
        }
        catch (Exception) when (task.IsFaulted || task.IsCanceled)
        {
            lock (_gate)
            {
                if (ReferenceEquals(_task, task))
                {
                    _task = null;
                }
            }

            throw;
        }
    }
}
