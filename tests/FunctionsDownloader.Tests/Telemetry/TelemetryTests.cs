using FunctionsDownloader.Standalone;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;

namespace FunctionsDownloader.Tests.Telemetry;

/// <summary>OpenTelemetry logs: what the exporters receive carries each job's request id.</summary>
[Collection(ServiceGroup.Name)]
public sealed class TelemetryTests(ServiceFixture service)
{
    [Fact(Timeout = 150_000)]
    public async Task Every_log_record_the_service_writes_while_a_job_runs_carries_its_request_id()
    {
        // Arrange: a host whose OpenTelemetry logs go to memory, logging the service at Information.
        Dictionary<string, string?> settings = SeparateHosts.Settings(service, "telemetry");
        settings["Logging:LogLevel:FunctionsDownloader"] = "Information";
        List<LogRecord> exported = [];
        await using StandaloneApp host = await SeparateHosts.StartAsync(
            settings,
            builder => builder.Services.ConfigureOpenTelemetryLoggerProvider(
                logging => logging.AddInMemoryExporter(exported)));
        using HttpClient client = SeparateHosts.Client(host, service.AdminKey);
        DateTime started = DateTime.UtcNow;

        // Act
        var jobs = new JobApi(client);
        string requestId = await jobs.CreateDownloadAsync(service.Site.DirectMp4);
        await jobs.WaitForFinishAsync(requestId);
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await host.App.Services.GetRequiredService<DurableTaskClient>()
                .WaitForInstanceCompletionAsync(requestId, wait.Token);
        }

        DateTime ended = DateTime.UtcNow;
        await host.DisposeAsync();

        // Assert
        LogRecord[] records =
        [
            .. exported.Where(r =>
                r.CategoryName?.StartsWith("FunctionsDownloader.", StringComparison.Ordinal) == true &&
                r.Timestamp >= started && r.Timestamp <= ended),
        ];
        string[] categories = [.. records.Select(r => r.CategoryName!).Distinct()];
        Assert.Contains("FunctionsDownloader.Downloads.DownloadHandlers", categories);
        Assert.Contains("FunctionsDownloader.Downloads.DownloadOrchestrator", categories);
        Assert.Contains("FunctionsDownloader.Downloads.ResolveMediaActivity", categories);
        Assert.Contains("FunctionsDownloader.Downloads.DownloadMediaActivity", categories);
        Assert.All(records, record => Assert.True(
            RequestIdOf(record) == requestId,
            $"'{record.FormattedMessage ?? record.Body}' ({record.CategoryName}): request_id '{RequestIdOf(record)}'"));
    }

    private static string? RequestIdOf(LogRecord record)
    {
        string? found = null;
        record.ForEachScope(
            (scope, _) =>
            {
                foreach (KeyValuePair<string, object?> item in scope)
                {
                    if (item.Key == "request_id")
                    {
                        found = item.Value as string;
                    }
                }
            },
            (object?)null);
        return found;
    }
}
