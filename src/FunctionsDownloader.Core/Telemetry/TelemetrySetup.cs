using System.Data.Common;
using System.Diagnostics;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using FunctionsDownloader.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FunctionsDownloader.Telemetry;

/// <summary>
/// OpenTelemetry traces, metrics and logs for both hosts. Logs keep their scopes, so every log line
/// of a job carries its <c>request_id</c>. Exported to Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, to an OTLP endpoint when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and to the console when <c>Telemetry:Console</c> is true;
/// with none of them, nothing leaves the process.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The service's name in telemetry, and the name of its meter.</summary>
    public const string ServiceName = "FunctionsDownloader";

    /// <summary>The setting that turns on the console exporter.</summary>
    public const string ConsoleSetting = "Telemetry:Console";

    /// <summary>Adds OpenTelemetry with the exporters configured; hosts add their own instrumentation.</summary>
    public static OpenTelemetryBuilder AddServiceTelemetry(
        this IServiceCollection services,
        IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.Configure<OpenTelemetryLoggerOptions>(options =>
        {
            options.IncludeScopes = true;
            options.IncludeFormattedMessage = true;
        });

        OpenTelemetryBuilder telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : ServiceName,
                serviceVersion: HealthHandlers.ServiceVersion))
            .WithTracing(tracing => tracing
                // No orchestration or activity spans for now. In this process only the worker's own source
                // "Microsoft.DurableTask" makes them (DurableTask.Core makes none in the Standalone sidecar, and
                // runs in the Functions host's process, not the worker's), and while anything listens to it, the
                // worker (1.28.0) builds a span for a terminated sub-orchestration from its failure details,
                // which a termination leaves empty, throws NullReferenceException in
                // TraceHelper.EmitTraceActivityForSubOrchestrationFailed, and the parent orchestration (a batch
                // page whose job was cancelled) never runs again. BatchCancelTests catches it. Jobs are still
                // followed through their logs, which all carry the request_id.
                // TODO: listen to "Microsoft.DurableTask" once the worker guards that null.
                // Calls made outside any operation are the task hub's queue polling and lease renewals,
                // several a second: traced, they would bury everything else.
                .AddHttpClientInstrumentation(options =>
                    options.FilterHttpRequestMessage = _ => Activity.Current?.Parent is not null))
            .WithMetrics(metrics => metrics
                .AddMeter(ServiceName, "System.Runtime")
                .AddHttpClientInstrumentation())
            .WithLogging();

        if (configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] is { Length: > 0 } connectionString)
        {
            TokenCredential? credential =
                AzureMonitorCredential(configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = credential;
            });
        }

        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Endpoint, protocol and headers come from the standard OTEL_EXPORTER_OTLP_* settings.
            telemetry.UseOtlpExporter();
        }

        if (configuration.GetValue<bool>(ConsoleSetting))
        {
            telemetry
                .WithTracing(tracing => tracing.AddConsoleExporter())
                .WithMetrics(metrics => metrics.AddConsoleExporter())
                .WithLogging(logging => logging.AddConsoleExporter());
        }

        return telemetry;
    }

    /// <summary>
    /// The managed identity Application Insights is reached with when local authentication is off:
    /// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> is <c>Authorization=AAD</c>, with the
    /// identity's <c>ClientId=…</c> for a user-assigned one (the format the Functions host reads).
    /// </summary>
    internal static TokenCredential? AzureMonitorCredential(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        var parts = new DbConnectionStringBuilder { ConnectionString = authenticationString };
        if (!parts.TryGetValue("Authorization", out object? mode) ||
            !string.Equals(mode as string, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out object? clientId) && clientId is string { Length: > 0 } id
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(id))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
