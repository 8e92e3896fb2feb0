using FunctionsDownloader.Housekeeping;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsDownloader.Functions.Housekeeping;

/// <summary>Housekeeping on the schedule of the <c>Downloader__CleanupSchedule</c> app setting.</summary>
public sealed class HousekeepingFunctions(Housekeeper housekeeper)
{
    [Function(nameof(Housekeeping))]
    public Task<HousekeepingResult> Housekeeping(
        [TimerTrigger("%Downloader:CleanupSchedule%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => housekeeper.RunAsync(client, cancellationToken);
}
