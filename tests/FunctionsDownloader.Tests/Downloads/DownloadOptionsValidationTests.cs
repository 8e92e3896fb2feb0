using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunctionsDownloader.MediaSite;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Downloads;

/// <summary>Bad download options: a 400 naming the field, and no job.</summary>
[Collection(ServiceGroup.Name)]
public sealed class DownloadOptionsValidationTests(ServiceFixture service)
{
    private const string Url = "http://8.8.8.8/v.mp4";

    public static TheoryData<string, string, string> BadOptions()
    {
        var data = new TheoryData<string, string, string>();
        void Add(string name, string options, string field) =>
            data.Add(name, $$"""{"url": "{{Url}}", {{options}}}""", field);

        Add("quality without the p", "\"quality\": \"1080\"", "quality");
        Add("quality unknown", "\"quality\": \"ultra\"", "quality");
        Add("video format unknown", "\"video_format\": \"avi\"", "video_format");
        Add("audio format unknown", "\"audio_only\": true, \"audio_format\": \"aac\"", "audio_format");
        Add("audio format as a number", "\"audio_only\": true, \"audio_format\": 3", "audio_format");
        Add("format id with shell characters", "\"format_id\": \"22; rm -rf /\"", "format_id");
        Add("format id with a command substitution", "\"format_id\": \"$(id)\"", "format_id");
        Add("format id with a selector", "\"format_id\": \"bv*[height<480]/b\"", "format_id");
        Add("format id with an alternative", "\"format_id\": \"137/22\"", "format_id");
        Add("format id merging three", "\"format_id\": \"1+2+3\"", "format_id");
        Add("format id ending in a plus", "\"format_id\": \"137+\"", "format_id");
        Add("format id empty", "\"format_id\": \"\"", "format_id");
        Add("format id fullwidth digits", "\"format_id\": \"２２\"", "format_id");
        Add("format id as a number", "\"format_id\": 22", "format_id");
        Add("format id too long", $"\"format_id\": \"{new string('1', 101)}\"", "format_id");
        Add("format id merge for audio", "\"audio_only\": true, \"format_id\": \"1+2\"", "format_id");
        Add("format id with quality", "\"format_id\": \"22\", \"quality\": \"720p\"", "quality");
        Add("subtitles as a string", "\"subtitles\": \"en\"", "subtitles");
        Add("subtitles empty", "\"subtitles\": []", "subtitles");
        string eleven = string.Join(',', new[] { "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "fi", "no" }
            .Select(code => $"\"{code}\""));
        Add("subtitles too many", $"\"subtitles\": [{eleven}]", "subtitles");
        Add("subtitles all", "\"subtitles\": [\"all\"]", "subtitles");
        Add("subtitles pattern", "\"subtitles\": [\".*\"]", "subtitles");
        Add("subtitles exclusion", "\"subtitles\": [\"-live_chat\"]", "subtitles");
        Add("subtitles with a separator", "\"subtitles\": [\"en,de\"]", "subtitles");
        Add("subtitles twice", "\"subtitles\": [\"en\", \"en\"]", "subtitles");
        Add("subtitles null entry", "\"subtitles\": [null]", "subtitles");
        Add("subtitles for audio", "\"audio_only\": true, \"subtitles\": [\"en\"]", "subtitles");
        Add("subtitles with a clip", "\"subtitles\": [\"en\"], \"start_time\": 1", "subtitles");
        Add("embed subtitles without languages", "\"embed_subtitles\": true", "subtitles");
        Add("subtitles not embedded", "\"subtitles\": [\"en\"], \"embed_subtitles\": false", "embed_subtitles");
        Add("embed subtitles as a string", "\"embed_subtitles\": \"yes\"", "embed_subtitles");
        Add("thumbnail in webm", "\"embed_thumbnail\": true, \"video_format\": \"webm\"", "embed_thumbnail");
        Add(
            "thumbnail in wav",
            "\"embed_thumbnail\": true, \"audio_only\": true, \"audio_format\": \"wav\"",
            "embed_thumbnail");
        Add("embed metadata as a number", "\"embed_metadata\": 1", "embed_metadata");
        Add("negative start", "\"start_time\": -5", "start_time");
        Add("negative start as text", "\"start_time\": \"-00:00:05\"", "start_time");
        Add("reversed clip", "\"start_time\": 10, \"end_time\": 5", "end_time");
        Add("empty clip", "\"start_time\": \"0:05\", \"end_time\": 5", "end_time");
        Add("clip of a hair", "\"start_time\": 5, \"end_time\": 5.05", "end_time");
        Add("end at zero", "\"end_time\": 0", "end_time");
        Add("seventy-five seconds in a minute", "\"start_time\": \"1:75\"", "start_time");
        Add("words for a time", "\"start_time\": \"ten seconds\"", "start_time");
        Add("time with a space", "\"start_time\": \"5 \"", "start_time");
        Add("time as a boolean", "\"start_time\": true", "start_time");
        Add("time past 99 hours", "\"end_time\": \"100:00:00\"", "end_time");
        Add("time as a huge number", "\"end_time\": 1e9", "end_time");
        Add("time with four decimals", "\"end_time\": \"1.2345\"", "end_time");
        return data;
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(BadOptions))]
    public async Task A_bad_option_is_a_400_naming_the_field_and_creates_no_job(string name, string body, string field)
    {
        // Arrange
        int before = await service.CountJobsAsync();

        // Act
        using HttpResponseMessage response = await service.PostJsonAsync("/api/v1/download", body);

        // Assert
        await AssertRefusedAsync(name, response, field, before);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_option_corpus_has_at_least_twenty_cases()
    {
        await Task.CompletedTask;
        Assert.True(BadOptions().Count >= 20);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_format_id_the_site_does_not_offer_is_a_400_naming_it()
    {
        // Arrange
        int before = await service.CountJobsAsync();

        // Act
        using HttpResponseMessage missing = await service.Http.PostAsJsonAsync(
            "/api/v1/download", new { url = service.Site.HlsMaster.AbsoluteUri, format_id = "9999" });
        using HttpResponseMessage keyword = await service.Http.PostAsJsonAsync(
            "/api/v1/download", new { url = service.Site.HlsMaster.AbsoluteUri, format_id = "best" });
        using HttpResponseMessage videoForAudio = await service.Http.PostAsJsonAsync(
            "/api/v1/download", new { url = service.Site.HlsMaster.AbsoluteUri, format_id = "300", audio_only = true });

        // Assert
        await AssertRefusedAsync("missing", missing, "format_id", before);
        await AssertRefusedAsync("keyword", keyword, "format_id", before);
        await AssertRefusedAsync("video for audio", videoForAudio, "format_id", before);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_clip_past_a_duration_the_service_already_knows_is_a_400()
    {
        // Arrange: a metadata call leaves the page's duration (5 s) in the extraction cache.
        Uri page = LocalMediaSite.FreshUrl(service.Site.WatchPage);
        (HttpStatusCode status, _, _) = await service.GetJsonAsync(
            "/api/v1/metadata?url=" + Uri.EscapeDataString(page.AbsoluteUri));
        Assert.Equal(HttpStatusCode.OK, status);
        int before = await service.CountJobsAsync();

        // Act
        using HttpResponseMessage pastEnd = await service.Http.PostAsJsonAsync(
            "/api/v1/download", new { url = page.AbsoluteUri, start_time = 1, end_time = 60 });
        using HttpResponseMessage startAfterEnd = await service.Http.PostAsJsonAsync(
            "/api/v1/download", new { url = page.AbsoluteUri, start_time = "0:07" });

        // Assert
        await AssertRefusedAsync("past the end", pastEnd, "end_time", before);
        await AssertRefusedAsync("start after the end", startAfterEnd, "start_time", before);
    }

    private async Task AssertRefusedAsync(string name, HttpResponseMessage response, string field, int jobsBefore)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode == HttpStatusCode.BadRequest, $"{name}: answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(text);
        Assert.Equal(field, problem.RootElement.GetProperty("field").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.Equal(jobsBefore, await service.CountJobsAsync());
    }
}
