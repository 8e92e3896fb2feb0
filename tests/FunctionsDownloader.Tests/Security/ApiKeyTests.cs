using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Security;

/// <summary>API keys: required, hashed, owner-scoped, revocable.</summary>
[Collection(ServiceGroup.Name)]
public sealed class ApiKeyTests(ServiceFixture service)
{
    [Theory(Timeout = 60_000)]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-key")]
    [InlineData("fdk_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_request_without_a_valid_key_is_401_and_creates_nothing(string? key)
    {
        // Arrange
        using HttpClient client = service.NewClient(key);
        int before = await service.CountJobsAsync();

        // Act
        using HttpResponseMessage create = await client.PostAsJsonAsync("/api/v1/download", new { url = service.Site.DirectMp4 });
        using HttpResponseMessage get = await client.GetAsync($"/api/v1/download/{Guid.NewGuid():N}");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Equal("application/problem+json", create.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal(before, await service.CountJobsAsync());
    }

    [Fact(Timeout = 60_000)]
    public async Task Two_keys_in_one_request_are_refused_whichever_comes_first()
    {
        // Act: two header lines (HttpClient would join them into one), the valid key first and then last.
        string first = await RawGetAsync("/api/v1/auth/keys", service.AdminKey, "not-a-key");
        string second = await RawGetAsync("/api/v1/auth/keys", "not-a-key", service.AdminKey);
        string alone = await RawGetAsync("/api/v1/auth/keys", service.AdminKey);

        // Assert
        Assert.StartsWith("HTTP/1.1 401", first, StringComparison.Ordinal);
        Assert.Contains("one API key", first, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 401", second, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", alone, StringComparison.Ordinal);
    }

    [Theory(Timeout = 60_000)]
    [InlineData("{}")]
    [InlineData("""{"name": ""}""")]
    [InlineData("""{"name": "   "}""")]
    public async Task A_key_without_a_name_is_a_400_naming_it(string body)
    {
        // Act
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await service.AdminHttp.PostAsync("/api/v1/auth/keys", content);

        // Assert
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Equal("name", JsonDocument.Parse(text).RootElement.GetProperty("field").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task Another_keys_job_is_not_found_for_read_logs_or_cancel()
    {
        // Arrange
        string requestId = await service.CreateDownloadAsync(service.Site.SlowMp4);
        using HttpClient other = service.NewClient(await service.CreateApiKeyAsync("other"));

        // Act
        using HttpResponseMessage get = await other.GetAsync($"/api/v1/download/{requestId}");
        using HttpResponseMessage logs = await other.GetAsync($"/api/v1/download/{requestId}/logs");
        using HttpResponseMessage cancel = await other.DeleteAsync($"/api/v1/download/{requestId}");
        using HttpResponseMessage admin = await service.AdminHttp.GetAsync($"/api/v1/download/{requestId}");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, logs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        JsonElement job = await service.GetJobAsync(requestId);
        Assert.NotEqual("cancelled", job.GetProperty("status").GetString());
        using HttpResponseMessage own = await service.Http.DeleteAsync($"/api/v1/download/{requestId}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_revoked_key_stops_working_and_keys_are_listed_without_secrets()
    {
        // Arrange
        using HttpResponseMessage created = await service.AdminHttp.PostAsJsonAsync("/api/v1/auth/keys", new { name = "to revoke" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        string key = body.RootElement.GetProperty("api_key").GetString()!;
        string keyId = body.RootElement.GetProperty("key_id").GetString()!;
        Assert.Equal($"/api/v1/auth/keys/{keyId}", created.Headers.Location!.OriginalString);
        using HttpClient client = service.NewClient(key);
        using (HttpResponseMessage before = await client.GetAsync($"/api/v1/download/{Guid.NewGuid():N}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        // Act
        using HttpResponseMessage revoke = await service.AdminHttp.DeleteAsync($"/api/v1/auth/keys/{keyId}");
        using HttpResponseMessage after = await client.GetAsync($"/api/v1/download/{Guid.NewGuid():N}");
        using HttpResponseMessage list = await service.AdminHttp.GetAsync("/api/v1/auth/keys");

        // Assert
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        string listed = await list.Content.ReadAsStringAsync();
        Assert.Contains(keyId, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", listed, StringComparison.Ordinal);
        Assert.Contains("\"revoked\"", listed, StringComparison.Ordinal);

        // The key is stored as a hash only.
        await foreach (var row in new Azure.Data.Tables.TableServiceClient(service.Azurite.ConnectionString)
            .GetTableClient("fdapikeys").QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            Assert.DoesNotContain(row, kv => kv.Value is string s && s.Contains(key, StringComparison.Ordinal));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Only_the_admin_key_manages_keys()
    {
        // Act
        using HttpResponseMessage create = await service.Http.PostAsJsonAsync("/api/v1/auth/keys", new { name = "x" });
        using HttpResponseMessage list = await service.Http.GetAsync("/api/v1/auth/keys");
        using HttpResponseMessage unknown = await service.AdminHttp.DeleteAsync("/api/v1/auth/keys/000000000000");

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    /// <summary>A GET written by hand, with one <c>X-API-Key</c> line per key; returns the whole answer.</summary>
    private async Task<string> RawGetAsync(string path, params string[] keys)
    {
        Uri baseAddress = service.Host.BaseAddress;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
        await using System.Net.Sockets.NetworkStream stream = tcp.GetStream();
        string request = $"GET {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nConnection: close\r\n"
            + string.Concat(keys.Select(k => $"X-API-Key: {k}\r\n")) + "\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
