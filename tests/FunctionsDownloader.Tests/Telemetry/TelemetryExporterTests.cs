using System.Text.Json;
using FunctionsDownloader.Standalone;
using FunctionsDownloader.Testing;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Telemetry;

/// <summary>
/// Settings choose where telemetry goes: Azure Monitor with <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>,
/// an OTLP collector with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, the console with <c>Telemetry:Console</c>;
/// each sink gets traces, metrics and logs only when its setting is there.
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class TelemetryExporterTests(ServiceFixture service)
{
    [Fact(Timeout = 120_000)]
    public async Task An_otlp_endpoint_gets_traces_metrics_and_logs()
    {
        // Arrange
        await using TelemetryReceiver otlp = await TelemetryReceiver.StartAsync();
        Dictionary<string, string?> settings = Settings("otlp");
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.BaseUri.AbsoluteUri.TrimEnd('/');
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";

        // Act: a few requests, then a stop, which flushes every exporter.
        await RunHostAsync(settings);

        // Assert
        string[] paths = [.. otlp.Posts.Select(p => p.Path).Distinct().Order(StringComparer.Ordinal)];
        Assert.Equal(["/v1/logs", "/v1/metrics", "/v1/traces"], paths);
        Assert.All(otlp.Posts, p => Assert.Equal("application/x-protobuf", p.ContentType));
        Assert.All(otlp.Posts, p => Assert.NotEmpty(p.Body));
    }

    [Fact(Timeout = 120_000)]
    public async Task An_application_insights_connection_string_sends_requests_metrics_and_logs_to_its_ingestion_endpoint()
    {
        // Arrange
        await using TelemetryReceiver ingestion = await TelemetryReceiver.StartAsync();
        Dictionary<string, string?> settings = Settings("azmon");
        settings["APPLICATIONINSIGHTS_CONNECTION_STRING"] =
            $"InstrumentationKey={Guid.NewGuid()};IngestionEndpoint={ingestion.BaseUri.AbsoluteUri};LiveEndpoint={ingestion.BaseUri.AbsoluteUri}";

        // Act
        await RunHostAsync(settings);

        // Assert: the track endpoint takes one JSON envelope per line, each naming its kind.
        string[] kinds = [.. ingestion.Posts
            .Where(p => p.Path == "/v2.1/track")
            .SelectMany(p => p.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("data").GetProperty("baseType").GetString()!)
            .Distinct()];
        Assert.Contains("RequestData", kinds);
        Assert.Contains("MetricData", kinds);
        Assert.Contains("MessageData", kinds);
    }

    [Theory(Timeout = 120_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_console_gets_traces_metrics_and_logs_only_when_asked(bool console)
    {
        // Arrange: a host process, so that its standard output is its own.
        Dictionary<string, string?> settings = Settings("console");
        settings["Telemetry:Console"] = console ? "true" : "false";

        // Act
        StandaloneProcess host = await StandaloneProcess.StartAsync(settings, AzuriteServer.FreePort());
        try
        {
            using var client = new HttpClient { BaseAddress = host.BaseAddress };
            await SendRequestsAsync(client);
        }
        finally
        {
            // A stop flushes every exporter; the output is whole once the process has exited.
            await host.DisposeAsync();
        }

        IReadOnlyCollection<string> output = host.Output;

        // Assert: the console exporters' own headings.
        string[] headings = ["Activity.TraceId:", "Metric Name:", "LogRecord.Timestamp:"];
        foreach (string heading in headings)
        {
            Assert.True(
                console == output.Any(line => line.Contains(heading, StringComparison.Ordinal)),
                $"{heading} {(console ? "missing from" : "found in")} the output: {string.Join('\n', output.Take(200))}");
        }
    }

    // Information, so that the host's start is logged.
    private Dictionary<string, string?> Settings(string name)
    {
        Dictionary<string, string?> settings = SeparateHosts.Settings(service, name);
        settings["Logging:LogLevel:Default"] = "Information";
        return settings;
    }

    private async Task RunHostAsync(Dictionary<string, string?> settings)
    {
        await using StandaloneApp host = await SeparateHosts.StartAsync(settings);
        using HttpClient client = SeparateHosts.Client(host, service.AdminKey);
        await SendRequestsAsync(client);
    }

    // Requests make server spans and metrics; the host's start makes log records.
    private static async Task SendRequestsAsync(HttpClient client)
    {
        using (HttpResponseMessage health = await client.GetAsync("/api/v1/health"))
        {
            health.EnsureSuccessStatusCode();
        }

        using HttpResponseMessage refused = await client.GetAsync("/api/v1/download/not-a-job");
        Assert.False(refused.IsSuccessStatusCode);
    }
}
