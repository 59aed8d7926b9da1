using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiln.Service.Requests;
using Microsoft.AspNetCore.Http;

namespace Kiln.Service.Http;

/// <summary>How the service writes its JSON answers, and ASU's <c>{status, detail}</c> for every error.</summary>
public static class ApiResponses
{
    // Text as it is ("+", "<", non-ASCII letters): the answers are JSON for programs, served with their content type.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task Json(HttpContext context, int status, JsonNode body, IReadOnlyDictionary<string, string>? headers = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) response.Headers[name] = value;
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(Options));
        response.ContentLength = bytes.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(bytes).AsTask();
    }

    public static Task Problem(HttpContext context, ApiProblem problem)
    {
        var body = new JsonObject { ["status"] = problem.Status, ["detail"] = problem.Detail };
        foreach (var (key, value) in problem.Extra) body[key] = value.DeepClone();
        if (problem.Status == 404) body["title"] = "Not Found";
        return Json(context, problem.Status, body);
    }

    public static Task NotFound(HttpContext context, string detail) => Problem(context, new ApiProblem(404, detail));
}
