using System.Net;
using System.Text;
using System.Text.Json;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Functions.Http;
using FunctionsDownloader.Hosting;
using FunctionsDownloader.Security;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsDownloader.Tests.Hosting;

/// <summary>
/// The Functions app's HTTP wrappers called directly (a <see cref="DefaultHttpContext"/> and a real
/// <see cref="DurableTaskClient"/> from <see cref="DurableTaskTestHost"/>): they start the same workflow
/// the Standalone route starts.
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class FunctionsWrapperTests(ServiceFixture service)
{
    [Fact(Timeout = 180_000)]
    public async Task The_Functions_wrappers_create_read_log_and_cancel_through_the_same_workflow()
    {
        // Arrange
        string workRoot = Path.Combine(service.WorkRoot, "functions");
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(service.Settings(workRoot))
            .Build();
        await using DurableTaskTestHost host = await DurableTaskTestHost.StartAsync(
            WorkflowCatalog.Register,
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    services.AddLogging();
                    services.AddFunctionsDownloader(configuration);
                },
            });
        var functions = ActivatorUtilities.CreateInstance<DownloadFunctions>(host.Services);
        var gate = host.Services.GetRequiredService<RequestGate>();

        // Act: create through the wrapper.
        HttpContext create = await AdmittedAsync(gate, host.Services, "POST", "/api/v1/download", $$"""{"url": "{{service.Site.DirectMp4}}"}""");
        await (await functions.CreateDownload(create.Request, host.Client)).ExecuteAsync(create);

        // Assert: 201 with a Location, and the orchestration the Standalone host also runs.
        Assert.Equal(StatusCodes.Status201Created, create.Response.StatusCode);
        using JsonDocument created = ReadBody(create);
        string requestId = created.RootElement.GetProperty("request_id").GetString()!;
        Assert.Equal($"/api/v1/download/{requestId}", create.Response.Headers.Location.ToString());

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(requestId, getInputsAndOutputs: true, wait.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(nameof(DownloadOrchestrator), done.Name);
        Assert.True(done.ReadOutputAs<StepOutcome>()!.Succeeded);

        string standaloneJob = await service.CreateDownloadAsync(service.Site.DirectMp4);
        await service.WaitForFinishAsync(standaloneJob);
        DurableTaskClient standaloneClient = service.Host.App.Services.GetRequiredService<DurableTaskClient>();
        OrchestrationMetadata? standalone = await standaloneClient.GetInstanceAsync(standaloneJob);
        Assert.Equal(done.Name, standalone?.Name);

        // Act and assert: read the job and its logs through the wrappers.
        HttpContext get = await AdmittedAsync(gate, host.Services, "GET", $"/api/v1/download/{requestId}", null);
        await (await functions.GetDownload(get.Request, requestId)).ExecuteAsync(get);
        Assert.Equal(StatusCodes.Status200OK, get.Response.StatusCode);
        using JsonDocument job = ReadBody(get);
        Assert.Equal("completed", job.RootElement.GetProperty("status").GetString());
        (Ffprobe.Result probe, _, HttpResponseMessage response) =
            await Ffprobe.DownloadAndProbeAsync(new Uri(job.RootElement.GetProperty("file_url").GetString()!));
        response.Dispose();
        Assert.Equal(1, probe.Count("video"));

        HttpContext logs = await AdmittedAsync(gate, host.Services, "GET", $"/api/v1/download/{requestId}/logs", null);
        await (await functions.GetDownloadLogs(logs.Request, requestId)).ExecuteAsync(logs);
        Assert.Equal(StatusCodes.Status200OK, logs.Response.StatusCode);
        using JsonDocument lines = ReadBody(logs);
        Assert.True(lines.RootElement.GetProperty("total_count").GetInt32() > 0);

        // A finished job cannot be cancelled; an unfinished one can.
        HttpContext cancelDone = await AdmittedAsync(gate, host.Services, "DELETE", $"/api/v1/download/{requestId}", null);
        await (await functions.CancelDownload(cancelDone.Request, requestId, host.Client)).ExecuteAsync(cancelDone);
        Assert.Equal(StatusCodes.Status400BadRequest, cancelDone.Response.StatusCode);

        HttpContext createSlow = await AdmittedAsync(gate, host.Services, "POST", "/api/v1/download", $$"""{"url": "{{service.Site.SlowMp4}}"}""");
        await (await functions.CreateDownload(createSlow.Request, host.Client)).ExecuteAsync(createSlow);
        using JsonDocument slow = ReadBody(createSlow);
        string slowId = slow.RootElement.GetProperty("request_id").GetString()!;
        HttpContext cancel = await AdmittedAsync(gate, host.Services, "DELETE", $"/api/v1/download/{slowId}", null);
        await (await functions.CancelDownload(cancel.Request, slowId, host.Client)).ExecuteAsync(cancel);
        Assert.Equal(StatusCodes.Status200OK, cancel.Response.StatusCode);
        OrchestrationMetadata? cancelled = await host.Client.WaitForInstanceCompletionAsync(slowId, wait.Token);
        // Terminated, or completed when its first step saw the cancel before the termination arrived.
        Assert.Contains(
            cancelled.RuntimeStatus, new[] { OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Completed });
        Assert.Empty(await ProcessTable.WaitUntilNoneAsync(slowId, TimeSpan.FromSeconds(10)));
        HttpContext after = await AdmittedAsync(gate, host.Services, "GET", $"/api/v1/download/{slowId}", null);
        await (await functions.GetDownload(after.Request, slowId)).ExecuteAsync(after);
        using JsonDocument afterJob = ReadBody(after);
        Assert.Equal("cancelled", afterJob.RootElement.GetProperty("status").GetString());
    }

    /// <summary>A request as the Functions host hands it over, after the worker middleware admitted it.</summary>
    private async Task<HttpContext> AdmittedAsync(RequestGate gate, IServiceProvider services, string method, string path, string? json)
    {
        DefaultHttpContext context = NewContext(services, method, path, json);
        context.Request.Headers["X-API-Key"] = service.ApiKey;
        Assert.Null(await gate.AdmitAsync(context));
        return context;
    }

    private static DefaultHttpContext NewContext(IServiceProvider services, string method, string path, string? json)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = path;
        if (json is not null)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    private static JsonDocument ReadBody(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return JsonDocument.Parse(context.Response.Body);
    }
}
