using System.Net;
using System.Text;
using System.Text.Json;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Lifecycle;

/// <summary>An <c>Idempotency-Key</c> on POST returns the original job instead of a new one.</summary>
[Collection(ServiceGroup.Name)]
public sealed class IdempotencyTests(ServiceFixture service)
{
    [Fact(Timeout = 120_000)]
    public async Task The_same_key_sent_twice_and_eight_times_at_once_gives_one_job()
    {
        // Arrange
        string key = "idem-" + Guid.NewGuid().ToString("N");
        string body = JsonSerializer.Serialize(new { url = service.Site.DirectMp4 });
        int before = await service.CountJobsAsync();

        // Act
        using HttpResponseMessage first = await PostAsync(service.Http, key, body);
        using HttpResponseMessage again = await PostAsync(service.Http, key, body);
        HttpResponseMessage[] burst = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(service.Http, key, body)));

        // Assert
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        string requestId = await RequestIdAsync(first);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal($"/api/v1/download/{requestId}", again.Headers.Location?.OriginalString);
        Assert.Equal(requestId, await RequestIdAsync(again));
        foreach (HttpResponseMessage response in burst)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(requestId, await RequestIdAsync(response));
            response.Dispose();
        }

        Assert.Equal(before + 1, await service.CountJobsAsync());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_key_reused_for_a_different_request_is_refused_and_keys_are_per_caller()
    {
        // Arrange
        string key = "idem-" + Guid.NewGuid().ToString("N");
        string body = JsonSerializer.Serialize(new { url = service.Site.DirectMp4 });
        string other = JsonSerializer.Serialize(new { url = service.Site.DirectMp4, quality = "worst" });
        using HttpClient otherCaller = service.NewClient(await service.CreateApiKeyAsync("idempotency"));

        // Act
        using HttpResponseMessage first = await PostAsync(service.Http, key, body);
        using HttpResponseMessage different = await PostAsync(service.Http, key, other);
        using HttpResponseMessage otherKeyOwner = await PostAsync(otherCaller, key, body);
        using HttpResponseMessage badHeader = await PostAsync(service.Http, new string('k', 300), body);

        // Assert
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, different.StatusCode);
        using (JsonDocument problem = JsonDocument.Parse(await different.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Idempotency-Key", problem.RootElement.GetProperty("field").GetString());
        }

        Assert.Equal(HttpStatusCode.Created, otherKeyOwner.StatusCode);
        Assert.NotEqual(await RequestIdAsync(first), await RequestIdAsync(otherKeyOwner));
        Assert.Equal(HttpStatusCode.BadRequest, badHeader.StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/download")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static async Task<string> RequestIdAsync(HttpResponseMessage response)
    {
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("request_id").GetString()!;
    }
}
