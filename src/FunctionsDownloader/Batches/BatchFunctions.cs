using FunctionsDownloader.Batches;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FunctionsDownloader.Functions.Batches;

/// <summary>The batch routes: one-line wrappers over <see cref="BatchHandlers"/>.</summary>
public sealed class BatchFunctions(BatchHandlers handlers)
{
    [Function(nameof(CreateBatch))]
    public Task<IResult> CreateBatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/batch/download")] HttpRequest request,
        [DurableClient] DurableTaskClient client) => handlers.CreateAsync(request, client);

    [Function(nameof(GetBatch))]
    public Task<IResult> GetBatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/batch/{batchId}")] HttpRequest request,
        string batchId) => handlers.GetAsync(request, batchId);

    [Function(nameof(CancelBatch))]
    public Task<IResult> CancelBatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/batch/{batchId}")] HttpRequest request,
        string batchId,
        [DurableClient] DurableTaskClient client) => handlers.CancelAsync(request, batchId, client);
}
