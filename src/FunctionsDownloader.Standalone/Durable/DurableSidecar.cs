using DurableTask.AzureStorage;
using DurableTask.Core;
using FunctionsDownloader.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace FunctionsDownloader.Standalone.Durable;

/// <summary>
/// The Durable Task backend of the Standalone host: the Azure Storage provider (durable, shared by
/// every instance on the same account and hub) exposed to the worker and client over gRPC by the
/// public <see cref="TaskHubGrpcServer"/> sidecar, on a loopback port of its own.
/// </summary>
public sealed class DurableSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DurableSidecar(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The gRPC address the worker and client connect to.</summary>
    public Uri Address { get; }

    /// <summary>Creates the task hub if needed and starts serving it.</summary>
    public static async Task<DurableSidecar> StartAsync(
        StorageAccount account,
        DurableOptions options,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(options);

        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.HubName,
            PartitionCount = options.PartitionCount,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(options.MaxQueuePollingIntervalMilliseconds),
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(options.ActivityLockSeconds),
            StorageAccountClientProvider = account.ConnectionString is { } connectionString
                ? new StorageAccountClientProvider(connectionString)
                : new StorageAccountClientProvider(
                    account.Blobs.Uri, account.QueueServiceUri, account.Tables.Uri, account.Credential!),
            LoggerFactory = loggerFactory,
        };
        var service = new AzureStorageOrchestrationService(settings);

        // The sidecar does not create the hub's queues and tables itself.
        await service.CreateIfNotExistsAsync();

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(
            System.Net.IPAddress.Loopback,
            0,
            listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddGrpc();
        // Activity locks are renewed while they run, so the visibility timeout can stay short.
        builder.Services.AddSingleton<IOrchestrationService>(new RenewingOrchestrationService(
            service,
            TimeSpan.FromSeconds(Math.Max(1, options.ActivityLockSeconds / 3.0)),
            loggerFactory.CreateLogger<RenewingOrchestrationService>()));
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();

        WebApplication app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken);

        string address = app.Urls.First();
        return new DurableSidecar(app, new Uri(address));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
