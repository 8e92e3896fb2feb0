using FunctionsDownloader.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsDownloader.Functions.Operations;

/// <summary>Operational routes: one-line wrappers over the Core handlers.</summary>
public sealed class OperationsFunctions(HealthHandlers health)
{
    [Function(nameof(Health))]
    public Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/health")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => health.GetAsync(request, client);
}
