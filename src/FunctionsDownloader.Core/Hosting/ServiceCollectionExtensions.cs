using FunctionsDownloader.Batches;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Cookies;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Extraction;
using FunctionsDownloader.Housekeeping;
using FunctionsDownloader.Idempotency;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Media;
using FunctionsDownloader.Monitoring;
using FunctionsDownloader.OpenApi;
using FunctionsDownloader.Operations;
using FunctionsDownloader.Playlists;
using FunctionsDownloader.Security;
using FunctionsDownloader.Storage;
using FunctionsDownloader.Telemetry;
using FunctionsDownloader.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FunctionsDownloader.Hosting;

/// <summary>Registers everything Core provides; both hosts call this once.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Adds the service's handlers, workflows, media tools and storage.</summary>
    public static IServiceCollection AddFunctionsDownloader(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DownloaderOptions>().Bind(configuration.GetSection(DownloaderOptions.SectionName));
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName));
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName));
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName));
        services.AddOptions<BatchOptions>().Bind(configuration.GetSection(BatchOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => StorageAccount.FromConfiguration(configuration));

        services.AddMetrics();
        services.AddSingleton<ServiceTables>();
        services.AddSingleton<CounterStore>();
        services.AddSingleton<ServiceInstruments>();
        services.AddSingleton<ServiceCounters>();
        services.AddSingleton<MonitoringHandlers>();
        services.AddSingleton<OpenApiHandlers>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobLogStore>();
        services.AddSingleton<ResultStore>();
        services.AddSingleton<ISasLinkIssuer, SasLinkIssuer>();

        services.AddSingleton<ToolLocator>();
        services.AddSingleton<YtDlpCapabilities>();
        services.AddSingleton<ToolVersions>();
        services.AddSingleton<HealthHandlers>();
        services.AddSingleton<YtDlp>();
        services.AddSingleton<LivePlaylistCheck>();
        services.AddSingleton<FFprobe>();
        services.AddSingleton<WorkDirectories>();
        services.AddHostedService<WorkDirectoryJanitor>();
        services.AddSingleton<ExtractionCache>();
        services.AddSingleton<MediaExtractor>();
        services.AddSingleton<ExtractionHandlers>();

        services.AddSingleton<AddressPolicy>();
        services.AddSingleton<UrlGuard>();
        services.AddSingleton<EgressProxy>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<RequestRateLimiter>();
        services.AddSingleton<RequestGate>();
        services.AddSingleton<ApiKeyHandlers>();
        services.AddHostedService<AuthStartupCheck>();

        services.AddSingleton<CookiesStore>();
        services.AddSingleton<CookiesHandlers>();

        services.AddSingleton<ExpirySweeper>();
        services.AddSingleton<HistoryPurger>();
        services.AddSingleton<Housekeeper>();
        services.AddSingleton<IdempotencyKeys>();
        services.AddSingleton<DownloadResponses>();
        services.AddSingleton<DownloadSiteChecks>();
        services.AddSingleton<DownloadHandlers>();
        services.AddSingleton<JobCanceller>();

        services.AddSingleton<PlaylistListings>();
        services.AddSingleton<PlaylistHandlers>();
        services.AddSingleton<BatchStore>();
        services.AddSingleton<BatchJobs>();
        services.AddSingleton<BatchResponses>();
        services.AddSingleton<BatchCreator>();
        services.AddSingleton<BatchHandlers>();
        services.AddSingleton<BatchHousekeeping>();

        services.AddSingleton<WebhookClient>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookSender>();

        services.AddTransient<ResolveMediaActivity>();
        services.AddTransient<DownloadMediaActivity>();
        services.AddTransient<FailJobActivity>();
        services.AddTransient<LogJobEventActivity>();
        services.AddTransient<SendWebhookActivity>();
        services.AddTransient<ExpandBatchActivity>();
        services.AddTransient<BuildBatchArchiveActivity>();
        services.AddTransient<FinishBatchActivity>();
        services.AddTransient<SendBatchWebhookActivity>();
        return services;
    }
}
