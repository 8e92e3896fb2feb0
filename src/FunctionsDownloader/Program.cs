using FunctionsDownloader.Functions.Security;
using FunctionsDownloader.Hosting;
using FunctionsDownloader.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<GateMiddleware>();
builder.Services.AddFunctionsDownloader(builder.Configuration);
builder.Services.AddServiceTelemetry(builder.Configuration).UseFunctionsWorkerDefaults();
await builder.Build().RunAsync();
