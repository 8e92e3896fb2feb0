using System.Net;
using System.Text.Json;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Downloads;

/// <summary>Bad input to <c>POST /api/v1/download</c>: a 400 naming the field, and no job.</summary>
[Collection(ServiceGroup.Name)]
public sealed class CreateDownloadValidationTests(ServiceFixture service)
{
    public static TheoryData<string, string?> BadBodies() => new()
    {
        { """{}""", "url" },
        { """{"url": ""}""", "url" },
        { """{"url": "ftp://example.com/video.mp4"}""", "url" },
        { """{"url": "file:///etc/passwd"}""", "url" },
        { """{"url": "javascript:alert(1)"}""", "url" },
        { """{"url": "not a url"}""", "url" },
        { """{"url": "http://user:secret@example.com/v.mp4"}""", "url" },
        { """{"url": 5}""", "url" },
        { """{"url": "http://example.com/v.mp4", "audio_only": "yes"}""", "audio_only" },
        { """{"url": "http://example.com/v.mp4", "quality": 720}""", "quality" },
        { """{"url": "http://example.com/v.mp4", "quality": "721p"}""", "quality" },
        { """{"url": "http://example.com/v.mp4", "video_format": "avi"}""", "video_format" },
        { """{"url": "http://example.com/v.mp4", "unknown_field": 1}""", "unknown_field" },
        { """{"url": "http://example.com/v.mp4", "Url": "http://example.com/x"}""", "Url" },
        { """{"url": "http://example.com/v.mp4",}""", null },
        { """{"url": "http://example.com/v.mp4" """, null },
        { """[]""", null },
        { """null""", null },
        { """ """, null },
        { "{\"url\": \"http://8.8.8.8/v\u200B.mp4\"}", "url" },
        { "{\"url\": \"http://8.8.8.8/\u202Egpm.exe\"}", "url" },
        { """{"url": "http://@8.8.8.8/v.mp4"}""", "url" },
        { """{"url": "/media/direct.mp4"}""", "url" },
        { """{"url": "http://8.8.8.8/v.mp4", "audio_only": true, "video_format": "mkv"}""", "video_format" },
        { """{"url": "http://8.8.8.8/v.mp4", "audio_only": true, "quality": "720p"}""", "quality" },
        { """{"url": "http://8.8.8.8/v.mp4", "audio_format": "mp3"}""", "audio_format" },
        { """{url: "http://8.8.8.8/v.mp4"}""", null },
        { """{/*x*/"url": "http://8.8.8.8/v.mp4"}""", null },
        { """{"url": "http://8.8.8.8/v.mp4"} xyz""", null },
        { """{"url": "http://8.8.8.8/v.mp4"}{"url": "http://8.8.8.8/v.mp4"}""", null },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_a_400_naming_the_field_and_creates_no_job(string body, string? field)
    {
        // Arrange
        int before = await service.CountJobsAsync();

        // Act
        using HttpResponseMessage response = await service.PostJsonAsync("/api/v1/download", body);

        // Assert
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(text);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
        if (field is not null)
        {
            Assert.Equal(field, problem.RootElement.GetProperty("field").GetString());
        }
        else
        {
            // Syntax errors are about the body, not about a field read out of the broken text.
            Assert.False(problem.RootElement.TryGetProperty("field", out _), $"a made-up field in {text}");
        }

        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.Equal(before, await service.CountJobsAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task An_unknown_field_is_named_but_not_echoed_in_full()
    {
        // Act
        using HttpResponseMessage response = await service.PostJsonAsync(
            "/api/v1/download", $$"""{"url": "http://8.8.8.8/v.mp4", "{{new string('k', 5000)}}": 1}""");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length < 1000, $"the problem body is {text.Length} characters long");
    }

    [Theory(Timeout = 60_000)]
    [InlineData("application/jsonp")]
    [InlineData("text/plain")]
    [InlineData("application/json; charset=utf-16")]
    public async Task A_body_that_is_not_utf8_json_by_content_type_is_refused(string contentType)
    {
        // Arrange
        using var content = new StringContent("""{"url": "http://8.8.8.8/v.mp4"}""");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        // Act
        using HttpResponseMessage response = await service.Http.PostAsync("/api/v1/download", content);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_compressed_body_is_refused_and_a_body_with_a_bom_is_read()
    {
        // Arrange
        using var gzip = new StringContent("""{"url": "http://8.8.8.8/v.mp4", "quality": "bogus"}""", System.Text.Encoding.UTF8, "application/json");
        gzip.Headers.ContentEncoding.Add("gzip");
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes("""{"url": "http://8.8.8.8/v.mp4", "quality": "bogus"}""")];
        using var bom = new ByteArrayContent(withBom);
        bom.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        // Act
        using HttpResponseMessage compressed = await service.Http.PostAsync("/api/v1/download", gzip);
        using HttpResponseMessage bomResponse = await service.Http.PostAsync("/api/v1/download", bom);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, compressed.StatusCode);
        Assert.Contains("Content-Encoding", await compressed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bomResponse.StatusCode);
        using JsonDocument problem = JsonDocument.Parse(await bomResponse.Content.ReadAsStringAsync());
        Assert.Equal("quality", problem.RootElement.GetProperty("field").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Unknown_routes_and_methods_answer_with_problem_details()
    {
        // Act
        using HttpResponseMessage unknown = await service.Http.GetAsync("/api/v1/nothing-here");
        using HttpResponseMessage method = await service.Http.PutAsync("/api/v1/download", new StringContent("{}"));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, method.StatusCode);
        Assert.Equal("application/problem+json", method.Content.Headers.ContentType?.MediaType);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_body_over_the_size_cap_is_a_413()
    {
        // Arrange
        string body = "{\"url\": \"http://example.com/" + new string('a', 70_000) + "\"}";

        // Act
        using HttpResponseMessage response = await service.PostJsonAsync("/api/v1/download", body);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(413, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.14", problem.RootElement.GetProperty("type").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_body_that_stops_coming_is_a_408_problem_and_creates_no_job()
    {
        // Arrange: a body that promises 100 bytes, sends 22 and then nothing.
        int before = await service.CountJobsAsync();
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(service.Host.BaseAddress.Host, service.Host.BaseAddress.Port);
        using System.Net.Sockets.NetworkStream stream = client.GetStream();
        string request =
            "POST /api/v1/download HTTP/1.1\r\n" +
            $"Host: {service.Host.BaseAddress.Authority}\r\n" +
            $"X-API-Key: {service.ApiKey}\r\n" +
            "Content-Type: application/json\r\n" +
            "Content-Length: 100\r\n" +
            "Connection: close\r\n\r\n" +
            "{\"url\": \"http://x.io/\"";

        // Act: the web server gives up on a body that stops coming after its grace period (5 s).
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        string answer = await reader.ReadToEndAsync();

        // Assert
        string statusLine = answer.Split("\r\n")[0];
        Assert.StartsWith("HTTP/1.1 408", statusLine, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal error", answer, StringComparison.Ordinal);
        Assert.Equal(before, await service.CountJobsAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_non_json_content_type_is_refused()
    {
        // Act
        using var content = new StringContent("url=http://example.com/v.mp4", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using HttpResponseMessage response = await service.Http.PostAsync("/api/v1/download", content);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_created_job_answers_201_with_a_location_that_resolves()
    {
        // Act
        using HttpResponseMessage created = await service.PostJsonAsync(
            "/api/v1/download", $$"""{"url": "{{service.Site.DirectMp4}}", "quality": "720p", "video_format": "mkv"}""");

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Uri location = created.Headers.Location!;
        using JsonDocument body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        string requestId = body.RootElement.GetProperty("request_id").GetString()!;
        Assert.Equal($"/api/v1/download/{requestId}", location.OriginalString);
        Assert.Equal("queued", body.RootElement.GetProperty("status").GetString());
        Assert.Equal($"/api/v1/download/{requestId}/logs", body.RootElement.GetProperty("logs_url").GetString());

        using HttpResponseMessage get = await service.Http.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        JsonElement job = await service.WaitForFinishAsync(requestId);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.EndsWith(".mkv", job.GetProperty("file_path").GetString(), StringComparison.Ordinal);
    }
}
