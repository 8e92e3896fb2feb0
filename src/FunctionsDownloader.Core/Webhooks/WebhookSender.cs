using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using FunctionsDownloader.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Webhooks;

/// <summary>
/// Delivers one webhook: a signed POST through <see cref="WebhookClient"/>, retried with
/// exponential backoff on network errors, timeouts, 408, 429 and 5xx. A 2xx ends it; a redirect,
/// a refused address or any other 4xx is final. Every attempt goes to the job's log, with the URL
/// cut before its query string, and never with the secret.
/// </summary>
public sealed class WebhookSender(
    WebhookClient client,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookSender> logger)
{
    private enum Verdict
    {
        Delivered,
        Retry,
        GiveUp,
    }

    /// <summary>Sends <paramref name="message"/> until it is delivered (<c>true</c>) or given up.</summary>
    public async Task<bool> DeliverAsync(WebhookMessage message, JobLogWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(log);

        string target = LogSanitizer.StripQuery(message.Target);
        int maxAttempts = Math.Max(1, options.Value.MaxAttempts);
        for (int attempt = 1; ; attempt++)
        {
            (Verdict verdict, string what) = await SendOnceAsync(message, cancellationToken);
            if (verdict == Verdict.Delivered)
            {
                log.Info($"Webhook {message.Event} delivered to {target} on attempt {attempt} ({what}).");
                logger.LogInformation(
                    "Webhook {Event} for {DeliveryId} delivered to {Target} on attempt {Attempt}",
                    message.Event,
                    message.DeliveryId,
                    target,
                    attempt);
                return true;
            }

            if (verdict == Verdict.GiveUp || attempt >= maxAttempts)
            {
                string why = verdict == Verdict.GiveUp ? "not retried" : "giving up";
                log.Warning($"Webhook attempt {attempt} of {maxAttempts} to {target} failed: {what}; {why}.");
                logger.LogWarning(
                    "Webhook {Event} for {DeliveryId} to {Target} failed on attempt {Attempt}: {Failure}; {Outcome}",
                    message.Event,
                    message.DeliveryId,
                    target,
                    attempt,
                    what,
                    why);
                return false;
            }

            TimeSpan delay = Backoff(attempt);
            double wait = delay.TotalSeconds;
            log.Warning(
                $"Webhook attempt {attempt} of {maxAttempts} to {target} failed: {what}; retrying in {wait:0.#} s.");
            logger.LogWarning(
                "Webhook {Event} for {DeliveryId} to {Target} failed on attempt {Attempt}: {Failure}; retry in {Delay}",
                message.Event,
                message.DeliveryId,
                target,
                attempt,
                what,
                delay);
            await Task.Delay(delay, clock, cancellationToken);
        }
    }

    private async Task<(Verdict Verdict, string What)> SendOnceAsync(
        WebhookMessage message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Target);
        request.Content = new ByteArrayContent(message.Body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.ParseAdd(WebhookHeaders.UserAgent);
        request.Headers.Add(WebhookHeaders.Event, message.Event);
        request.Headers.Add(WebhookHeaders.Delivery, message.DeliveryId);
        if (message.Secret is not null)
        {
            // Signed per attempt, so the timestamp tells the receiver how fresh this copy is.
            string signature = WebhookSignature.Create(message.Secret, clock.GetUtcNow(), message.Body);
            request.Headers.Add(WebhookHeaders.Signature, signature);
        }

        try
        {
            using HttpResponseMessage response = await client.SendAsync(request, cancellationToken);
            return Judge(response.StatusCode);
        }
        catch (Exception e) when (WebhookClient.IsBlocked(e))
        {
            return (Verdict.GiveUp,
                "the host resolves to an address webhooks may not reach (loopback, private, link-local or reserved)");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (Verdict.Retry, string.Create(
                CultureInfo.InvariantCulture, $"no answer within {options.Value.TimeoutSeconds:0.#} s"));
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException)
        {
            return (Verdict.Retry, "could not connect or send (" + Describe(e) + ")");
        }
    }

    private static (Verdict Verdict, string What) Judge(HttpStatusCode status)
    {
        int code = (int)status;
        string what = string.Create(CultureInfo.InvariantCulture, $"HTTP {code}");
        return code switch
        {
            >= 200 and < 300 => (Verdict.Delivered, what),
            >= 300 and < 400 => (Verdict.GiveUp, what + ", a redirect, which webhooks never follow"),
            408 or 429 or >= 500 => (Verdict.Retry, what),
            _ => (Verdict.GiveUp, what),
        };
    }

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromSeconds(Math.Max(0, options.Value.FirstRetryDelaySeconds) * Math.Pow(2, attempt - 1));

    // Names of the failure only: exception messages can quote the host, and the job log keeps no more than needed.
    private static string Describe(Exception e) =>
        e switch
        {
            SocketException socket => socket.SocketErrorCode.ToString(),
            HttpRequestException { InnerException: SocketException socket } => socket.SocketErrorCode.ToString(),
            HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } http =>
                http.HttpRequestError.ToString(),
            _ => e.GetType().Name,
        };
}
