using FunctionsDownloader.Configuration;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NCrontab;

namespace FunctionsDownloader.Housekeeping;

/// <summary>
/// The Standalone host's counterpart of the Functions app's timer: runs <see cref="Housekeeper"/>
/// on <see cref="DownloaderOptions.CleanupSchedule"/>.
/// </summary>
public sealed class HousekeepingService(
    Housekeeper housekeeper,
    DurableTaskClient client,
    IOptions<DownloaderOptions> options,
    TimeProvider clock,
    ILogger<HousekeepingService> logger) : BackgroundService
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
                await housekeeper.RunAsync(client, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning(e, "Housekeeping failed; it runs again on schedule");
            }
        }
    }
}
