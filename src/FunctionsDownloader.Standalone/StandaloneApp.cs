using FunctionsDownloader.Housekeeping;
using FunctionsDownloader.Hosting;
using FunctionsDownloader.Standalone.Durable;
using FunctionsDownloader.Storage;
using FunctionsDownloader.Telemetry;
using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FunctionsDownloader.Standalone;

/// <summary>
/// The API as a plain ASP.NET Core server, for machines without Functions Core Tools: the same
/// Core handlers on the same routes, and the same orchestrators and activities run by a Durable
/// Task worker against the Azure Storage backend (Azurite by default).
/// </summary>
public sealed class StandaloneApp : IAsyncDisposable
{
    /// <summary>Where the host listens when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    private readonly DurableSidecar _sidecar;
    private readonly GrpcChannel _channel;
    private readonly ILoggerFactory _sidecarLogging;

    private StandaloneApp(WebApplication app, DurableSidecar sidecar, GrpcChannel channel, ILoggerFactory sidecarLogging)
    {
        App = app;
        _sidecar = sidecar;
        _channel = channel;
        _sidecarLogging = sidecarLogging;
    }

    /// <summary>The running web application.</summary>
    public WebApplication App { get; }

    /// <summary>The first address the API listens on.</summary>
    public Uri BaseAddress => new(App.Urls.First());

    /// <summary>Builds and starts the host.</summary>
    /// <param name="args">Command-line arguments (<c>--urls</c>, <c>--Downloader:RetentionHours=1</c>, …).</param>
    /// <param name="configure">Extra configuration, applied before anything is read (tests use it).</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<StandaloneApp> StartAsync(
        string[] args,
        Action<WebApplicationBuilder>? configure = null,
        CancellationToken cancellationToken = default)
    {
        // Settings files live next to the binary, wherever it is started from.
        WebApplicationBuilder builder = WebApplication.CreateBuilder(
            new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);

        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        if (string.IsNullOrWhiteSpace(builder.Configuration[StorageAccount.SettingName]) &&
            !builder.Configuration.GetSection(StorageAccount.SettingName).GetChildren().Any())
        {
            builder.Configuration[StorageAccount.SettingName] = "UseDevelopmentStorage=true";
        }

        var storage = StorageAccount.FromConfiguration(builder.Configuration);
        DurableOptions durable = builder.Configuration.GetSection(DurableOptions.SectionName).Get<DurableOptions>() ?? new();

        // The sidecar must listen before the worker and client are registered with its address,
        // so it gets a logger factory of its own built from the same configuration.
        ILoggerFactory sidecarLogging = LoggerFactory.Create(logging => logging
            .AddConfiguration(builder.Configuration.GetSection("Logging"))
            .AddSimpleConsole(o => o.SingleLine = true));
        DurableSidecar sidecar = await DurableSidecar.StartAsync(storage, durable, sidecarLogging, cancellationToken);
        GrpcChannel channel = GrpcChannel.ForAddress(sidecar.Address);

        builder.Services.AddSingleton(storage);
        builder.Services.AddFunctionsDownloader(builder.Configuration);
        builder.Services.AddServiceTelemetry(builder.Configuration)
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation());
        builder.Services.AddHostedService<HousekeepingService>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddProblemDetails();
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(channel);
            worker.AddTasks(WorkflowCatalog.Register);
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.RegisterDirectly();
        });

        WebApplication app = builder.Build();

        // Unknown routes, wrong methods and malformed paths answer with problem details too.
        app.UseStatusCodePages();
        app.UseMiddleware<GateMiddleware>();
        app.MapApi();

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            await sidecar.DisposeAsync();
            channel.Dispose();
            sidecarLogging.Dispose();
            throw;
        }

        return new StandaloneApp(app, sidecar, channel, sidecarLogging);
    }

    /// <summary>Waits until the host is told to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => App.WaitForShutdownAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await App.StopAsync(timeout.Token);
        }

        await App.DisposeAsync();
        await _channel.ShutdownAsync();
        _channel.Dispose();
        await _sidecar.DisposeAsync();
        _sidecarLogging.Dispose();
    }
}
