using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsDownloader.Tests.Infrastructure;
using static FunctionsDownloader.Tests.Cookies.CookiesSamples;

namespace FunctionsDownloader.Tests.Cookies;

/// <summary>The cookies vault over real HTTP: upload, list, delete, ownership, and cookies_id on downloads.</summary>
[Collection(ServiceGroup.Name)]
public sealed class CookiesVaultTests(ServiceFixture service)
{
    private const string Route = "/api/v1/auth/cookies";

    [Fact(Timeout = 60_000)]
    public async Task Uploading_a_text_plain_file_answers_201_with_what_it_covers_and_no_values()
    {
        // Arrange
        string text = Text(Header, Line(), "#HttpOnly_" + Line("www.example.org", "token", "abcdef123456", Expiry + 1));

        // Act
        using HttpResponseMessage response = await PostTextAsync(service.Http, text);

        // Assert
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"answered {(int)response.StatusCode}: {body}");
        using JsonDocument json = JsonDocument.Parse(body);
        string cookiesId = json.RootElement.GetProperty("cookies_id").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", cookiesId);
        Assert.Equal($"{Route}/{cookiesId}", response.Headers.Location!.OriginalString);
        Assert.Equal(["example.com", "www.example.org"], Strings(json.RootElement.GetProperty("domains")));
        Assert.Equal(2, json.RootElement.GetProperty("cookie_count").GetInt32());
        Assert.Equal(Encoding.UTF8.GetByteCount(text), json.RootElement.GetProperty("size_bytes").GetInt64());
        DateTimeOffset expiresAt = json.RootElement.GetProperty("expires_at").GetDateTimeOffset();
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Expiry), expiresAt);
        DateTimeOffset createdAt = json.RootElement.GetProperty("created_at").GetDateTimeOffset();
        Assert.InRange(createdAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdef123456", body, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Uploading_a_multipart_file_part_works_like_a_text_body()
    {
        // Arrange
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(Utf8(Text(Line("127.0.0.1", "fd_session", Secret, 0))));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", "cookies.txt");

        // Act
        using HttpResponseMessage response = await service.Http.PostAsync(Route, form);

        // Assert
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"answered {(int)response.StatusCode}: {body}");
        using JsonDocument json = JsonDocument.Parse(body);
        Assert.Equal(["127.0.0.1"], Strings(json.RootElement.GetProperty("domains")));
        Assert.Equal(1, json.RootElement.GetProperty("cookie_count").GetInt32());
        Assert.False(json.RootElement.TryGetProperty("expires_at", out _));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_list_shows_domains_and_counts_of_the_callers_files_but_never_values()
    {
        // Arrange
        string text = Text(Line(), Line("media.example.net", "pref", "dark-mode-on", 0));
        string cookiesId = await UploadAsync(service.Http, text);

        // Act
        using HttpResponseMessage response = await service.Http.GetAsync(Route);

        // Assert
        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("dark-mode-on", body, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(body);
        JsonElement[] files = [.. json.RootElement.GetProperty("cookies").EnumerateArray()];
        Assert.Equal(files.Length, json.RootElement.GetProperty("total_count").GetInt32());
        JsonElement mine = Assert.Single(files, f => f.GetProperty("cookies_id").GetString() == cookiesId);
        Assert.Equal(["example.com", "media.example.net"], Strings(mine.GetProperty("domains")));
        Assert.Equal(2, mine.GetProperty("cookie_count").GetInt32());
    }

    [Fact(Timeout = 60_000)]
    public async Task Another_key_neither_sees_nor_deletes_a_file_and_the_owner_can_delete_it()
    {
        // Arrange
        string cookiesId = await UploadAsync(service.Http, Text(Line()));
        using HttpClient other = service.NewClient(await service.CreateApiKeyAsync("cookies-other"));

        // Act
        using HttpResponseMessage othersList = await other.GetAsync(Route);
        using HttpResponseMessage othersDelete = await other.DeleteAsync($"{Route}/{cookiesId}");
        using HttpResponseMessage adminList = await service.AdminHttp.GetAsync(Route);
        using HttpResponseMessage ownerDelete = await service.Http.DeleteAsync($"{Route}/{cookiesId}");
        using HttpResponseMessage secondDelete = await service.Http.DeleteAsync($"{Route}/{cookiesId}");
        using HttpResponseMessage ownerList = await service.Http.GetAsync(Route);

        // Assert
        Assert.Equal(HttpStatusCode.OK, othersList.StatusCode);
        Assert.DoesNotContain(cookiesId, await othersList.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, othersDelete.StatusCode);
        Assert.Equal("application/problem+json", othersDelete.Content.Headers.ContentType?.MediaType);
        Assert.Contains(cookiesId, await adminList.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, ownerDelete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, secondDelete.StatusCode);
        Assert.DoesNotContain(cookiesId, await ownerList.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(BadFiles), MemberType = typeof(CookiesSamples))]
    public async Task Uploading_a_bad_file_is_a_400_naming_the_file_that_never_echoes_a_value(
        string what, byte[] content, int line)
    {
        // Arrange
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };

        // Act
        using HttpResponseMessage response = await service.Http.PostAsync(Route, body);

        // Assert
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(text);
        Assert.Equal("file", problem.RootElement.GetProperty("field").GetString());
        string detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        if (line > 0)
        {
            Assert.StartsWith($"Line {line} ", detail, StringComparison.Ordinal);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_file_over_the_size_cap_is_a_413_as_text_or_multipart()
    {
        // Arrange
        string big = Text([Header, .. Enumerable.Range(0, 6000).Select(i => Line(name: "n" + i))]);
        using var form = new MultipartFormDataContent { { new StringContent(big), "file", "cookies.txt" } };

        // Act
        using HttpResponseMessage text = await PostTextAsync(service.Http, big);
        using HttpResponseMessage multipart = await service.Http.PostAsync(Route, form);

        // Assert
        Assert.True(Utf8(big).Length > 256 * 1024);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, text.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, multipart.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task Other_content_types_compressed_bodies_and_multipart_without_a_file_part_are_refused()
    {
        // Arrange
        using var json = new StringContent("""{"cookies": []}""", Encoding.UTF8, "application/json");
        using var wrongPart = new MultipartFormDataContent
        {
            { new StringContent(Text(Line())), "cookies", "cookies.txt" },
        };
        using var gzip = new ByteArrayContent(Utf8(Text(Line())));
        gzip.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        gzip.Headers.ContentEncoding.Add("gzip");

        // Act
        using HttpResponseMessage jsonResponse = await service.Http.PostAsync(Route, json);
        using HttpResponseMessage partResponse = await service.Http.PostAsync(Route, wrongPart);
        using HttpResponseMessage gzipResponse = await service.Http.PostAsync(Route, gzip);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, jsonResponse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, partResponse.StatusCode);
        Assert.Equal("file", await FieldAsync(partResponse));
        Assert.Equal(HttpStatusCode.BadRequest, gzipResponse.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_download_with_a_cookies_id_that_is_malformed_unknown_or_another_keys_is_a_400()
    {
        // Arrange
        using HttpClient owner = service.NewClient(await service.CreateApiKeyAsync("cookies-owner"));
        string othersId = await UploadAsync(owner, Text(Line()));
        int before = await service.CountJobsAsync();

        // Act
        HttpResponseMessage[] responses =
        [
            await PostDownloadAsync(Secret),
            await PostDownloadAsync(Guid.NewGuid().ToString("N")),
            await PostDownloadAsync(othersId),
        ];

        // Assert
        foreach (HttpResponseMessage response in responses)
        {
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
            Assert.Equal("cookies_id", await FieldAsync(response));
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            response.Dispose();
        }

        Assert.Equal(before, await service.CountJobsAsync());
    }

    /// <summary>Uploads <paramref name="text"/> as text/plain and returns the new cookies id.</summary>
    internal static async Task<string> UploadAsync(HttpClient http, string text)
    {
        using HttpResponseMessage response = await PostTextAsync(http, text);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"upload: {(int)response.StatusCode} {body}");
        using JsonDocument json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("cookies_id").GetString()!;
    }

    private static Task<HttpResponseMessage> PostTextAsync(HttpClient http, string text) =>
        http.PostAsync(Route, new StringContent(text, Encoding.UTF8, "text/plain"));

    private Task<HttpResponseMessage> PostDownloadAsync(string cookiesId) =>
        service.Http.PostAsJsonAsync(
            "/api/v1/download", new { url = service.Site.DirectMp4.AbsoluteUri, cookies_id = cookiesId });

    private static async Task<string?> FieldAsync(HttpResponseMessage response)
    {
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.TryGetProperty("field", out JsonElement field) ? field.GetString() : null;
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
