using FunctionsDownloader.Expiry;
using Microsoft.Azure.Functions.Worker;

namespace FunctionsDownloader.Functions.Expiry;

/// <summary>The expiry sweep on the schedule of the <c>Downloader__CleanupSchedule</c> app setting.</summary>
public sealed class ExpiryFunctions(ExpirySweeper sweeper)
{
    [Function(nameof(CleanupExpired))]
    public Task<int> CleanupExpired(
        [TimerTrigger("%Downloader:CleanupSchedule%")] TimerInfo timer,
        CancellationToken cancellationToken) => sweeper.SweepAsync(cancellationToken);
}
