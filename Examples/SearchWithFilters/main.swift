// Search: nearest records to a text (embedded locally with all-MiniLM-L6-v2), narrowed by a
// metadata filter and a document filter.
// Run: swift run SearchWithFilters
import ExampleSupport
import SeekDB

try await withExampleCollection("example_search") { recipes in
    try await recipes.add(
        ids: ["r1", "r2", "r3", "r4"],
        documents: [
            "Tomato soup with basil", "Chocolate cake with berries",
            "Spicy lentil soup", "Lemon tart with berries"
        ],
        metadatas: [
            ["course": "starter", "minutes": 30], ["course": "dessert", "minutes": 90],
            ["course": "starter", "minutes": 45], ["course": "dessert", "minutes": 60]
        ])

    // .readYourWrites refreshes the vector index first, so the records just added are found.
    let soups = try await recipes.query(texts: "a warm soup", nResults: 2, consistency: .readYourWrites)
    for (id, distance) in zip(soups.ids[0], soups.distances?[0] ?? []) {
        print("  soup search: \(id) at distance \(distance)")
    }

    let quickDesserts = try await recipes.query(
        texts: "fruit dessert", nResults: 5,
        where: .field("course") == "dessert" && .field("minutes") <= 60,
        whereDocument: .contains("berries"))
    print("Quick desserts with berries: \(quickDesserts.ids[0])")
}
