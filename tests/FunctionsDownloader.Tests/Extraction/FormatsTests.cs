using System.Net;
using System.Text.Json;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Extraction;

/// <summary><c>GET /api/v1/formats</c> on the local media site, and downloads by the ids it lists.</summary>
[Collection(ServiceGroup.Name)]
public sealed class FormatsTests(ServiceFixture service)
{
    [Fact(Timeout = 60_000)]
    public async Task The_hls_source_lists_two_video_only_formats_and_one_audio_only_format()
    {
        // Act
        (HttpStatusCode status, JsonElement body, _) = await service.GetJsonAsync(FormatsPath(service.Site.HlsMaster));

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        JsonElement formats = body.GetProperty("formats");
        Assert.Empty(formats.GetProperty("combined").EnumerateArray());
        JsonElement[] video = [.. formats.GetProperty("video_only").EnumerateArray()];
        Assert.Equal(service.Site.HlsVideoHeights, video.Select(f => f.GetProperty("height").GetInt32()));
        Assert.All(video, f => Assert.Equal("none", f.GetProperty("acodec").GetString()));
        JsonElement audio = Assert.Single(formats.GetProperty("audio_only").EnumerateArray());
        Assert.Equal("none", audio.GetProperty("vcodec").GetString());

        // The best first, and a recommendation that is a usable format_id.
        Assert.Equal(video[0].GetProperty("format_id").GetString(), body.GetProperty("best_video_format").GetString());
        Assert.Equal(audio.GetProperty("format_id").GetString(), body.GetProperty("best_audio_format").GetString());
        Assert.Equal(
            $"{video[0].GetProperty("format_id").GetString()}+{audio.GetProperty("format_id").GetString()}",
            body.GetProperty("recommended_format").GetString());
        Assert.Equal("m3u8_native", video[0].GetProperty("protocol").GetString());
        Assert.Equal("1280x720", video[0].GetProperty("resolution").GetString());
        Assert.Equal(25, video[0].GetProperty("fps").GetDouble());
        Assert.True(video[0].GetProperty("tbr").GetDouble() > video[1].GetProperty("tbr").GetDouble());
    }

    [Fact(Timeout = 60_000)]
    public async Task The_dash_source_lists_video_only_and_audio_only_formats()
    {
        // Act
        (HttpStatusCode status, JsonElement body, _) =
            await service.GetJsonAsync(FormatsPath(service.Site.DashManifest));

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        JsonElement formats = body.GetProperty("formats");
        JsonElement video = Assert.Single(formats.GetProperty("video_only").EnumerateArray());
        Assert.Equal(service.Site.DashVideoHeight, video.GetProperty("height").GetInt32());
        JsonElement audio = Assert.Single(formats.GetProperty("audio_only").EnumerateArray());
        Assert.StartsWith("mp4a", audio.GetProperty("acodec").GetString(), StringComparison.Ordinal);
        Assert.Empty(formats.GetProperty("combined").EnumerateArray());
    }

    [Fact(Timeout = 60_000)]
    public async Task The_direct_mp4_lists_one_combined_format_and_no_urls()
    {
        // Act
        using HttpResponseMessage response = await service.Http.GetAsync(FormatsPath(service.Site.DirectMp4));
        string text = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument document = JsonDocument.Parse(text);
        JsonElement formats = document.RootElement.GetProperty("formats");
        JsonElement combined = Assert.Single(formats.GetProperty("combined").EnumerateArray());
        Assert.Equal("mp4", combined.GetProperty("ext").GetString());
        Assert.Empty(formats.GetProperty("video_only").EnumerateArray());
        Assert.Empty(formats.GetProperty("audio_only").EnumerateArray());
        Assert.Equal(
            combined.GetProperty("format_id").GetString(),
            document.RootElement.GetProperty("recommended_format").GetString());
        Assert.Equal(service.Site.DirectMp4.AbsoluteUri, document.RootElement.GetProperty("url").GetString());

        // The formats' own URLs (and the headers yt-dlp would send) are the site's business, not the caller's.
        Assert.Equal(1, CountOccurrences(text, service.Site.DirectMp4.AbsoluteUri));
        Assert.DoesNotContain("http_headers", text, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_format_id_from_the_list_downloads_that_format_with_the_best_audio()
    {
        // Arrange
        (_, JsonElement body, _) = await service.GetJsonAsync(FormatsPath(service.Site.HlsMaster));
        JsonElement low = body.GetProperty("formats").GetProperty("video_only").EnumerateArray()
            .Single(f => f.GetProperty("height").GetInt32() == 360);
        string formatId = low.GetProperty("format_id").GetString()!;

        // Act
        string requestId = await service.CreateDownloadAsync(service.Site.HlsMaster, new { format_id = formatId });
        JsonElement job = await service.WaitForFinishAsync(requestId);

        // Assert
        Assert.True(job.GetProperty("status").GetString() == "completed", $"job did not complete: {job}");
        (Ffprobe.Result probe, _, HttpResponseMessage file) =
            await Ffprobe.DownloadAndProbeAsync(new Uri(job.GetProperty("file_url").GetString()!));
        file.Dispose();
        Assert.Equal([360], probe.Heights);
        Assert.Equal(1, probe.Count("audio"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Formats_of_a_private_page_need_the_callers_cookies_file()
    {
        // Arrange
        string cookiesId = await service.UploadSiteCookiesAsync();
        using HttpClient otherKey = service.NewClient(await service.CreateApiKeyAsync("formats-other"));

        // Act
        (HttpStatusCode without, JsonElement refused, _) =
            await service.GetJsonAsync(FormatsPath(service.Site.PrivatePage));
        (HttpStatusCode with, JsonElement body, _) = await service.GetJsonAsync(
            FormatsPath(service.Site.PrivatePage) + "&cookies_id=" + cookiesId);
        (HttpStatusCode foreign, JsonElement problem, _) = await service.GetJsonAsync(
            FormatsPath(service.Site.PrivatePage) + "&cookies_id=" + cookiesId, otherKey);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, without);
        Assert.Equal("unavailable", refused.GetProperty("error_code").GetString());
        Assert.Equal(HttpStatusCode.OK, with);
        Assert.Single(body.GetProperty("formats").GetProperty("combined").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, foreign);
        Assert.Equal("cookies_id", problem.GetProperty("field").GetString());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("", 400, "url", null)]
    [InlineData("?url=ftp%3A%2F%2F8.8.8.8%2Fv.mp4", 400, "url", null)]
    [InlineData("?url=http%3A%2F%2F127.0.0.1%2Fv.mp4", 400, "url", null)]
    [InlineData("?url=http%3A%2F%2F8.8.8.8%2F&cookies_id=nope", 400, "cookies_id", null)]
    [InlineData("?url=http%3A%2F%2F8.8.8.8%2F&url=http%3A%2F%2F8.8.4.4%2F", 400, "url", null)]
    public async Task A_bad_query_is_a_400_naming_the_parameter(
        string query, int status, string field, string? errorCode)
    {
        // Act
        (HttpStatusCode actual, JsonElement problem, string? type) =
            await service.GetJsonAsync("/api/v1/formats" + query);

        // Assert
        Assert.Equal(status, (int)actual);
        Assert.Equal("application/problem+json", type);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(errorCode, problem.TryGetProperty("error_code", out JsonElement code) ? code.GetString() : null);
    }

    [Fact(Timeout = 60_000)]
    public async Task Site_failures_are_problem_details_with_a_stable_code_and_none_of_the_tools_output()
    {
        // Act
        using HttpResponseMessage missing = await service.Http.GetAsync(FormatsPath(service.Site.NotFound));
        (HttpStatusCode playlist, JsonElement playlistProblem, _) =
            await service.GetJsonAsync(FormatsPath(service.Site.Feed));
        using HttpClient anonymous = service.NewClient(apiKey: null);
        using HttpResponseMessage unauthorized = await anonymous.GetAsync(FormatsPath(service.Site.DirectMp4));

        // Assert
        string text = await missing.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(text);
        Assert.Equal("unavailable", problem.RootElement.GetProperty("error_code").GetString());
        Assert.Contains("404", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ERROR:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[generic]", text, StringComparison.Ordinal);
        Assert.DoesNotContain(service.WorkRoot, text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, playlist);
        Assert.Equal("unsupported_url", playlistProblem.GetProperty("error_code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    private static string FormatsPath(Uri url) => "/api/v1/formats?url=" + Uri.EscapeDataString(url.AbsoluteUri);

    private static int CountOccurrences(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
