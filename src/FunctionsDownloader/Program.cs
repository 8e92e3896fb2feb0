using FunctionsDownloader.Functions.Security;
using FunctionsDownloader.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<GateMiddleware>();
builder.Services.AddFunctionsDownloader(builder.Configuration);
await builder.Build().RunAsync();
