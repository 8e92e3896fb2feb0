namespace FunctionsDownloader.MediaSite.Serving;

/// <summary>
/// A host lifetime that ignores the process's signals. The default console lifetime would trap
/// SIGINT and SIGTERM in whatever process embeds the site (a test host, a benchmark) and cancel
/// their default action, so that process would no longer die when asked to; the site is stopped by
/// disposing it instead.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
