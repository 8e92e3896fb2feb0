using FunctionsDownloader.Monitoring;
using FunctionsDownloader.OpenApi;
using FunctionsDownloader.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsDownloader.Functions.Operations;

/// <summary>Operational routes: one-line wrappers over the Core handlers.</summary>
public sealed class OperationsFunctions(HealthHandlers health, MonitoringHandlers monitoring, OpenApiHandlers openApi)
{
    [Function(nameof(Health))]
    public Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/health")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => health.GetAsync(request, client);

    [Function(nameof(Metrics))]
    public Task<IResult> Metrics(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/metrics")] HttpRequest request) =>
        monitoring.GetMetricsAsync(request);

    [Function(nameof(Stats))]
    public Task<IResult> Stats(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/stats")] HttpRequest request) =>
        monitoring.GetStatsAsync(request);

    [Function(nameof(OpenApiDocument))]
    public Task<IResult> OpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        openApi.GetDocumentAsync(request);

    [Function(nameof(ApiReference))]
    public Task<IResult> ApiReference(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs")] HttpRequest request) =>
        openApi.GetDocsAsync(request);
}
