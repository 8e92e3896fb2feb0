using System.Net;
using System.Text.Json;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Webhooks;

/// <summary>A bad <c>callback_url</c> is a 400 naming it, and no job is created.</summary>
[Collection(ServiceGroup.Name)]
public sealed class CallbackUrlValidationTests(ServiceFixture service)
{
    public static TheoryData<string> BadCallbackUrls() => new()
    {
        "\"ftp://example.com/hook\"",
        "\"file:///etc/passwd\"",
        "\"javascript:alert(1)\"",
        "\"http://user:secret@example.com/hook\"",
        "\"not a url\"",
        "\"/relative/hook\"",
        "\"\"",
        "\"http://example.com/" + new string('a', 2100) + "\"",
        "5",
        "[\"http://example.com/hook\"]",
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(BadCallbackUrls))]
    public async Task A_bad_callback_url_is_a_400_naming_it_and_creates_no_job(string callbackJson)
    {
        // Arrange
        int before = await service.CountJobsAsync();
        string body = $$"""{"url": "{{service.Site.DirectMp4}}", "callback_url": {{callbackJson}}}""";

        // Act
        using HttpResponseMessage response = await service.PostJsonAsync("/api/v1/download", body);

        // Assert
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(text);
        Assert.Equal("callback_url", problem.RootElement.GetProperty("field").GetString());
        string? detail = problem.RootElement.GetProperty("detail").GetString();
        Assert.Contains("callback_url", detail, StringComparison.Ordinal);
        Assert.Equal(before, await service.CountJobsAsync());
    }
}
