using System.Net;
using System.Text.Json;
using FunctionsDownloader.Standalone;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace FunctionsDownloader.Tests.Security;

/// <summary>
/// The default limits on creating downloads (2 a second, 10 a minute per key), counted in Table
/// Storage so that two Standalone instances on one account share them.
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class RateLimitTests(ServiceFixture service)
{
    // Fails validation on purpose: refused requests count too, and no job is created.
    private const string InvalidBody = """{"url": "http://8.8.8.8/v.mp4", "quality": "not-a-preset"}""";

    [Fact(Timeout = 180_000)]
    public async Task Limits_hold_across_two_instances_per_key_and_answer_429_with_headers()
    {
        // Arrange: two instances with the default limits on the fixture's storage account.
        Dictionary<string, string?> settings = service.Settings(Path.Combine(service.WorkRoot, "ratelimit"));
        foreach (string key in settings.Keys.Where(k => k.StartsWith("RateLimits:", StringComparison.Ordinal)).ToList())
        {
            settings.Remove(key);
        }

        await using StandaloneApp first = await StartAsync(settings);
        await using StandaloneApp second = await StartAsync(settings);
        string key1 = await service.CreateApiKeyAsync("limited");
        string key2 = await service.CreateApiKeyAsync("unaffected");
        using HttpClient oneA = Client(first, key1);
        using HttpClient oneB = Client(second, key1);
        using HttpClient twoB = Client(second, key2);
        using HttpClient admin = Client(first, service.AdminKey);

        // Act: ten requests within the minute, spread over both instances, under 2 a second.
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 10; i++)
        {
            using HttpResponseMessage response = await PostAsync(i % 2 == 0 ? oneA : oneB);
            statuses.Add(response.StatusCode);
            await Task.Delay(550);
        }

        using HttpResponseMessage eleventh = await PostAsync(oneA);
        using HttpResponseMessage otherKey = await PostAsync(twoB);

        // Assert
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.Equal("application/problem+json", eleventh.Content.Headers.ContentType?.MediaType);
        using (JsonDocument problem = JsonDocument.Parse(await eleventh.Content.ReadAsStringAsync()))
        {
            Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.RootElement.GetProperty("type").GetString());
        }

        Assert.True(eleventh.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        Assert.Equal("10", Header(eleventh, "RateLimit-Limit"));
        Assert.Equal("0", Header(eleventh, "RateLimit-Remaining"));
        Assert.True(int.Parse(Header(eleventh, "RateLimit-Reset")!, System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Equal(HttpStatusCode.BadRequest, otherKey.StatusCode);
        Assert.NotNull(Header(otherKey, "RateLimit-Remaining"));

        // The admin key is not limited.
        for (int i = 0; i < 12; i++)
        {
            using HttpResponseMessage response = await PostAsync(admin);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task The_third_request_within_a_second_is_429()
    {
        // Arrange
        Dictionary<string, string?> settings = service.Settings(Path.Combine(service.WorkRoot, "ratelimit-second"));
        settings["RateLimits:Download:PerMinute"] = "100";
        settings["RateLimits:Download:PerSecond"] = "2";
        await using StandaloneApp first = await StartAsync(settings);
        await using StandaloneApp second = await StartAsync(settings);
        string key = await service.CreateApiKeyAsync("burst");
        using HttpClient a = Client(first, key);
        using HttpClient b = Client(second, key);

        // A first request warms each instance's path through the limiter with another key, so that on a
        // slow machine the burst below still lands within one second.
        string warmKey = await service.CreateApiKeyAsync("warm-up");
        foreach (StandaloneApp app in new[] { first, second })
        {
            using HttpClient warm = Client(app, warmKey);
            using HttpResponseMessage warmed = await PostAsync(warm);
            Assert.Equal(HttpStatusCode.BadRequest, warmed.StatusCode);
            await Task.Delay(600);
        }

        // Act: three at once, on two instances.
        HttpResponseMessage[] responses = await Task.WhenAll(PostAsync(a), PostAsync(b), PostAsync(a));

        // Assert
        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        HttpResponseMessage limited = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal("2", Header(limited, "RateLimit-Limit"));
        Assert.NotNull(limited.Headers.RetryAfter);
        foreach (HttpResponseMessage response in responses)
        {
            response.Dispose();
        }
    }

    private static Task<StandaloneApp> StartAsync(Dictionary<string, string?> settings) =>
        StandaloneApp.StartAsync([], builder => builder.Configuration.AddInMemoryCollection(settings));

    private static HttpClient Client(StandaloneApp app, string key)
    {
        var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client) =>
        client.PostAsync("/api/v1/download", new StringContent(InvalidBody, System.Text.Encoding.UTF8, "application/json"));

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
}
