using System.Net;
using System.Text;
using System.Text.Json;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Batches;

/// <summary>
/// Bad input to the batch, playlist and channel routes and to the previews: each case is a 400 naming the
/// field, and creates neither a job nor a batch.
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class BatchBadInputTests(ServiceFixture service)
{
    private const string Feed = "http://8.8.8.8/feed.xml";
    private const string Good = "http://8.8.8.8/v.mp4";

    public static TheoryData<string, string, string, string> Corpus()
    {
        var data = new TheoryData<string, string, string, string>();
        void Playlist(string name, object body, string field) =>
            data.Add(name, "POST /api/v1/playlist/download", JsonSerializer.Serialize(body), field);
        void Channel(string name, object body, string field) =>
            data.Add(name, "POST /api/v1/channel/download", JsonSerializer.Serialize(body), field);
        void Batch(string name, object body, string field) =>
            data.Add(name, "POST /api/v1/batch/download", body as string ?? JsonSerializer.Serialize(body), field);
        void Preview(string name, string kind, string query, string field) =>
            data.Add(name, $"GET /api/v1/{kind}/preview?{query}", "", field);

        // items: syntax, zero, reversed, overlapping, absurd, wrong type, mixed with start/end.
        Playlist("items empty", new { url = Feed, items = "" }, "items");
        Playlist("items zero", new { url = Feed, items = "0" }, "items");
        Playlist("items zero in a range", new { url = Feed, items = "0-5" }, "items");
        Playlist("items reversed range", new { url = Feed, items = "5-3" }, "items");
        Playlist("items overlapping ranges", new { url = Feed, items = "1-5,3-8" }, "items");
        Playlist("items repeated position", new { url = Feed, items = "2,2" }, "items");
        Playlist("items absurd range", new { url = Feed, items = "1-100000000" }, "items");
        Playlist("items huge number", new { url = Feed, items = "99999999999999999999" }, "items");
        Playlist("items letters", new { url = Feed, items = "a-b" }, "items");
        Playlist("items negative", new { url = Feed, items = "-3" }, "items");
        Playlist("items empty part", new { url = Feed, items = "1,,2" }, "items");
        Playlist("items open range", new { url = Feed, items = "3-" }, "items");
        Playlist("items with yt-dlp syntax", new { url = Feed, items = "1:5" }, "items");
        Playlist("items as a list", new { url = Feed, items = new[] { 1, 2 } }, "items");
        Playlist("items with start", new { url = Feed, items = "1-3", start = 1 }, "items");
        Playlist("start zero", new { url = Feed, start = 0 }, "start");
        Playlist("start as text", new { url = Feed, start = "3" }, "start");
        Playlist("end before start", new { url = Feed, start = 5, end = 2 }, "end");
        Playlist("end absurd", new { url = Feed, start = 1, end = 1_000_000 }, "end");
        Playlist("end fractional", new { url = Feed, end = 2.5 }, "end");
        Playlist("concurrent_limit zero", new { url = Feed, concurrent_limit = 0 }, "concurrent_limit");
        Playlist("concurrent_limit eleven", new { url = Feed, concurrent_limit = 11 }, "concurrent_limit");
        Playlist("archive tar", new { url = Feed, archive = "tar" }, "archive");
        Playlist("playlist url missing", new { items = "1" }, "url");
        Playlist("playlist url private", new { url = "http://10.0.0.1/feed.xml" }, "url");
        Playlist("playlist url loopback", new { url = "http://127.0.0.1/feed.xml" }, "url");
        Playlist("channel field on a playlist", new { url = Feed, limit = 3 }, "limit");
        Playlist("urls on a playlist", new { url = Feed, urls = new[] { Good } }, "urls");

        // Channels: limit and dates.
        Channel("limit zero", new { url = Feed, limit = 0 }, "limit");
        Channel("limit absurd", new { url = Feed, limit = 1_000_000 }, "limit");
        Channel("limit as text", new { url = Feed, limit = "ten" }, "limit");
        Channel("date_after not a day", new { url = Feed, date_after = "20240230" }, "date_after");
        Channel("date_after iso not a day", new { url = Feed, date_after = "2024-02-30" }, "date_after");
        Channel("date_before words", new { url = Feed, date_before = "yesterday" }, "date_before");
        Channel("date_before as number", new { url = Feed, date_before = 20240301 }, "date_before");
        Channel("date_after before 1900", new { url = Feed, date_after = "18991231" }, "date_after");
        Channel("dates reversed", new { url = Feed, date_after = "20240310", date_before = "20240301" }, "date_before");
        Channel("items on a channel", new { url = Feed, items = "1-3" }, "items");
        Channel("callback to metadata", new { url = Feed, callback_url = "http://169.254.169.254/" }, "callback_url");

        // Batches: urls count, type and addresses; concurrent_limit.
        Batch("urls missing", """{"quality": "best"}""", "urls");
        Batch("urls empty", """{"urls": []}""", "urls");
        Batch("urls over a hundred", new { urls = Enumerable.Repeat(Good, 101) }, "urls");
        Batch("urls as a string", new { urls = Good }, "urls");
        Batch("urls of numbers", """{"urls": [1, 2]}""", "urls");
        Batch("urls with null", new { urls = new[] { Good, null } }, "urls");
        Batch("urls with loopback", new { urls = new[] { Good, "http://127.0.0.1/v.mp4" } }, "urls");
        Batch("urls with metadata", new { urls = new[] { Good, "http://169.254.169.254/latest/" } }, "urls");
        Batch("urls with decimal loopback", new { urls = new[] { "http://2130706433/v.mp4" } }, "urls");
        Batch("urls with ftp", new { urls = new[] { Good, "ftp://8.8.8.8/v.mp4" } }, "urls");
        Batch("urls with user info", new { urls = new[] { "http://u:p@8.8.8.8/v.mp4" } }, "urls");
        Batch("url instead of urls", new { url = Good }, "url");
        Batch("concurrent_limit negative", new { urls = new[] { Good }, concurrent_limit = -1 }, "concurrent_limit");
        Batch("concurrent_limit fractional", new { urls = new[] { Good }, concurrent_limit = 2.5 }, "concurrent_limit");
        Batch("concurrent_limit as text", new { urls = new[] { Good }, concurrent_limit = "3" }, "concurrent_limit");
        Batch("quality unknown", new { urls = new[] { Good }, quality = "8k" }, "quality");
        Batch("callback private", new { urls = new[] { Good }, callback_url = "http://10.1.2.3/hook" }, "callback_url");
        Batch("unknown field", new { urls = new[] { Good }, exec = "touch /tmp/x" }, "exec");

        // Previews: page, page_size, url, cookies_id.
        Preview("page zero", "playlist", $"url={Feed}&page=0", "page");
        Preview("page negative", "playlist", $"url={Feed}&page=-1", "page");
        Preview("page as text", "playlist", $"url={Feed}&page=abc", "page");
        Preview("page repeated", "playlist", $"url={Feed}&page=1&page=2", "page");
        Preview("page_size zero", "playlist", $"url={Feed}&page_size=0", "page_size");
        Preview("page_size over a hundred", "playlist", $"url={Feed}&page_size=101", "page_size");
        Preview("channel page_size huge", "channel", $"url={Feed}&page_size=100000", "page_size");
        Preview("preview url missing", "playlist", "page=1", "url");
        Preview("preview url private", "channel", "url=http://192.168.0.1/feed.xml", "url");
        Preview("preview url file scheme", "playlist", "url=file:///etc/passwd", "url");
        Preview("preview cookies_id malformed", "playlist", $"url={Feed}&cookies_id=abc", "cookies_id");
        return data;
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Corpus))]
    public async Task A_bad_request_is_a_400_naming_the_field_and_creates_nothing(
        string name, string route, string body, string field)
    {
        // Arrange
        int jobsBefore = await service.CountJobsAsync();
        int batchesBefore = await service.CountBatchesAsync();
        string[] parts = route.Split(' ', 2);

        // Act
        using var request = new HttpRequestMessage(new HttpMethod(parts[0]), parts[1]);
        if (parts[0] == "POST")
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await service.Http.SendAsync(request);

        // Assert
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode == HttpStatusCode.BadRequest, $"{name}: answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(text);
        Assert.True(
            problem.RootElement.TryGetProperty("field", out JsonElement named) && named.GetString() == field,
            $"{name}: expected field '{field}': {text}");
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.Equal(jobsBefore, await service.CountJobsAsync());
        Assert.Equal(batchesBefore, await service.CountBatchesAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task A_bad_url_in_a_batch_is_reported_with_its_position()
    {
        // Act
        using HttpResponseMessage response = await service.PostJsonAsync(
            "/api/v1/batch/download",
            JsonSerializer.Serialize(new { urls = new[] { Good, Good, "http://127.0.0.1/v.mp4" } }));

        // Assert
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("urls", problem.RootElement.GetProperty("field").GetString());
        Assert.Contains("urls[2]", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_corpus_has_at_least_twenty_cases_on_every_kind_of_route()
    {
        // Act
        var routes = Corpus().Select(row => ((string)row[1]).Split('?')[0]).ToList();

        // Assert
        Assert.True(routes.Count >= 20);
        Assert.Contains("POST /api/v1/playlist/download", routes);
        Assert.Contains("POST /api/v1/channel/download", routes);
        Assert.Contains("POST /api/v1/batch/download", routes);
        Assert.Contains("GET /api/v1/playlist/preview", routes);
        Assert.Contains("GET /api/v1/channel/preview", routes);
    }
}
