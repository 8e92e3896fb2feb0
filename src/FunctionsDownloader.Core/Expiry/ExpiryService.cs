using FunctionsDownloader.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NCrontab;

namespace FunctionsDownloader.Expiry;

/// <summary>
/// The Standalone host's counterpart of the Functions app's timer: runs the expiry sweep on
/// <see cref="DownloaderOptions.CleanupSchedule"/>.
/// </summary>
public sealed class ExpiryService(
    ExpirySweeper sweeper,
    IOptions<DownloaderOptions> options,
    TimeProvider clock,
    ILogger<ExpiryService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        CrontabSchedule schedule = CleanupSchedule.Parse(options.Value.CleanupSchedule);
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTime now = clock.GetUtcNow().UtcDateTime;
            TimeSpan wait = schedule.GetNextOccurrence(now) - now;
            await Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, clock, stoppingToken);

            try
            {
                await sweeper.SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning(e, "The expiry sweep failed; it runs again on schedule");
            }
        }
    }
}
