using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Security;

/// <summary>
/// Hostile and malformed input to the download route, through the Standalone host over HTTP:
/// each case gets its 4xx and nothing is created (no job row, no blob).
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class BadInputCorpusTests(ServiceFixture service)
{
    public static TheoryData<string, string, int, string?> Corpus()
    {
        var data = new TheoryData<string, string, int, string?>();
        void Url(string name, string url) => data.Add(name, JsonSerializer.Serialize(new { url }), 400, "url");

        // Loopback in every spelling.
        Url("loopback dotted", "http://127.0.0.1/v.mp4");
        Url("loopback other address", "http://127.0.0.9/v.mp4");
        Url("localhost name", "http://localhost/v.mp4");
        Url("localhost with trailing dot", "http://localhost./v.mp4");
        Url("loopback decimal", "http://2130706433/v.mp4");
        Url("loopback octal", "http://0177.0.0.1/v.mp4");
        Url("loopback octal long", "http://017700000001/v.mp4");
        Url("loopback hex dotted", "http://0x7f.0.0.1/v.mp4");
        Url("loopback hex", "http://0x7f000001/v.mp4");
        Url("loopback short", "http://127.1/v.mp4");
        Url("loopback unicode digits", "http://①②⑦.0.0.1/v.mp4");
        Url("ipv6 loopback", "http://[::1]/v.mp4");
        Url("ipv6 loopback long", "http://[0:0:0:0:0:0:0:1]/v.mp4");
        Url("ipv4-mapped loopback", "http://[::ffff:127.0.0.1]/v.mp4");
        Url("ipv4-mapped loopback hex", "http://[::ffff:7f00:1]/v.mp4");
        Url("nat64 loopback", "http://[64:ff9b::7f00:1]/v.mp4");
        Url("6to4 loopback", "http://[2002:7f00:1::]/v.mp4");
        Url("unspecified", "http://0.0.0.0/v.mp4");
        Url("unspecified short", "http://0/v.mp4");
        Url("ipv6 unspecified", "http://[::]/v.mp4");

        // Private, link-local, CGNAT, metadata and reserved ranges.
        Url("private 10", "http://10.0.0.1/v.mp4");
        Url("private 10 hex", "http://0x0a.0.0.1/v.mp4");
        Url("private 172", "http://172.16.5.4/v.mp4");
        Url("private 192", "http://192.168.1.1/v.mp4");
        Url("ipv4-mapped private", "http://[::ffff:10.0.0.1]/v.mp4");
        Url("cgnat", "http://100.64.0.1/v.mp4");
        Url("metadata", "http://169.254.169.254/latest/meta-data/");
        Url("metadata decimal", "http://2852039166/latest/meta-data/");
        Url("metadata hex", "http://0xa9fea9fe/latest/meta-data/");
        Url("metadata ipv4-mapped", "http://[::ffff:169.254.169.254]/latest/meta-data/");
        Url("metadata ipv6 (aws)", "http://[fd00:ec2::254]/latest/meta-data/");
        Url("azure wire server", "http://168.63.129.16/machine");
        Url("link-local ipv6", "http://[fe80::1]/v.mp4");
        Url("link-local ipv6 with zone", "http://[fe80::1%25eth0]/v.mp4");
        Url("unique-local ipv6", "http://[fd12:3456::1]/v.mp4");
        Url("multicast", "http://224.0.0.1/v.mp4");
        Url("reserved", "http://240.0.0.1/v.mp4");
        Url("broadcast", "http://255.255.255.255/v.mp4");

        // Ports, schemes, user info, syntax.
        Url("other port", "http://8.8.8.8:8080/v.mp4");
        Url("ssh port", "https://8.8.8.8:22/v.mp4");
        Url("user info", "http://user:secret@8.8.8.8/v.mp4");
        Url("user only", "http://user@8.8.8.8/v.mp4");
        Url("file scheme", "file:///etc/passwd");
        Url("ftp scheme", "ftp://8.8.8.8/v.mp4");
        Url("javascript scheme", "javascript:alert(1)");
        Url("data scheme", "data:text/html,<script>alert(1)</script>");
        Url("gopher scheme", "gopher://8.8.8.8/_x");
        Url("no host", "http:///v.mp4");
        Url("ten thousand characters", "http://8.8.8.8/" + new string('a', 10_000));
        Url("carriage return", "http://8.8.8.8/v.mp4\r\nX-Injected: 1");
        Url("line feed", "http://8.8.8.8/v.mp4\nX-Injected: 1");
        Url("nul", "http://8.8.8.8/v\u0000.mp4");
        Url("starts with double dash", "--exec=touch /tmp/fd-pwned");
        Url("option then url", "-o /tmp/x http://8.8.8.8/v.mp4");
        Url("spaces around", " http://8.8.8.8/v.mp4 ");
        Url("unresolvable host", "http://does-not-exist.invalid/v.mp4");
        Url("empty", "");

        // Webhook URLs follow the same rules.
        data.Add("callback to metadata", JsonSerializer.Serialize(new { url = "http://8.8.8.8/v.mp4", callback_url = "http://169.254.169.254/" }), 400, "callback_url");
        data.Add("callback to loopback decimal", JsonSerializer.Serialize(new { url = "http://8.8.8.8/v.mp4", callback_url = "http://2130706433/hook" }), 400, "callback_url");
        data.Add("callback to private", JsonSerializer.Serialize(new { url = "http://8.8.8.8/v.mp4", callback_url = "https://[::ffff:192.168.0.1]/hook" }), 400, "callback_url");

        // Bodies.
        data.Add("url as number", """{"url": 5}""", 400, "url");
        data.Add("url as array", """{"url": ["http://8.8.8.8/"]}""", 400, "url");
        data.Add("url as object", """{"url": {"href": "http://8.8.8.8/"}}""", 400, "url");
        data.Add("audio_only as string", """{"url": "http://8.8.8.8/", "audio_only": "true"}""", 400, "audio_only");
        data.Add("quality unknown", """{"url": "http://8.8.8.8/", "quality": "8k"}""", 400, "quality");
        data.Add("unknown field", """{"url": "http://8.8.8.8/", "exec": "touch /tmp/x"}""", 400, "exec");
        data.Add("duplicate key", """{"url": "http://8.8.8.8/", "url": "http://127.0.0.1/"}""", 400, "url");
        data.Add("deeply nested", "{\"url\": " + new string('[', 200) + new string(']', 200) + "}", 400, null);
        data.Add("malformed", """{"url": "http://8.8.8.8/" """, 400, null);
        data.Add("not an object", "\"http://8.8.8.8/\"", 400, null);
        data.Add("oversized", "{\"url\": \"http://8.8.8.8/" + new string('a', 100_000) + "\"}", 413, null);
        return data;
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Corpus))]
    public async Task A_hostile_download_request_is_refused_and_creates_nothing(string name, string body, int status, string? field)
    {
        // Arrange
        HashSet<string> jobsBefore = await service.JobIdsAsync();
        HashSet<string> batchesBefore = await service.BatchIdsAsync();

        // Act
        using HttpResponseMessage response = await service.PostJsonAsync("/api/v1/download", body);

        // Assert
        string text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{name}: answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(text);
        if (field is not null)
        {
            Assert.Equal(field, problem.RootElement.GetProperty("field").GetString());
        }

        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/tmp/", text, StringComparison.Ordinal);
        Assert.Equal(jobsBefore.Count, (await service.JobIdsAsync()).Count);

        // Earlier tests' jobs and batches may still be storing files and archives; every blob must belong to one.
        Assert.All(await BlobPrefixesAsync(), prefix => Assert.True(
            jobsBefore.Contains(prefix) || batchesBefore.Contains(prefix), $"{prefix} belongs to no earlier job or batch"));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_corpus_has_at_least_fifty_cases()
    {
        await Task.CompletedTask;
        Assert.True(Corpus().Count >= 50);
    }

    private async Task<HashSet<string>> BlobPrefixesAsync()
    {
        await service.Results.CreateIfNotExistsAsync();
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        await foreach (BlobItem blob in service.Results.GetBlobsAsync())
        {
            prefixes.Add(blob.Name.Split('/')[0]);
        }

        return prefixes;
    }
}
