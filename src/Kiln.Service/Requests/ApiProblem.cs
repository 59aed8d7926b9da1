using System.Text.Json.Nodes;

namespace Kiln.Service.Requests;

/// <summary>
/// Why the service answers a request with an error: the HTTP status and ASU's one-sentence <c>detail</c>
/// (the body is always <c>{status, detail}</c>, plus what <see cref="Extra"/> adds).
/// </summary>
public sealed record ApiProblem(int Status, string Detail)
{
    /// <summary>More fields of the body (the queue length of a 429).</summary>
    public IReadOnlyDictionary<string, JsonNode> Extra { get; init; } = new Dictionary<string, JsonNode>();

    /// <summary>A field with the wrong type or shape (FastAPI's 422 for what pydantic refuses).</summary>
    public static ApiProblem Invalid(string detail) => new(422, detail);

    /// <summary>A well-formed request this service cannot serve (ASU's validation failures).</summary>
    public static ApiProblem Unsupported(string detail) => new(400, detail);
}
