/// One row of `venue_adoptions`: a difference between the venue and the journal that
/// `ballast live --adopt-venue-state` took as the new truth.
public struct VenueAdoptionRow: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// `asset` holds `offset` more (or less) than the journal implied; added from now on.
        case balance
        /// An open order the journal did not know, cancelled at the venue.
        case orderCancelled = "order_cancelled"
        /// An order the journal saw open, recorded with the venue's final state.
        case orderFinal = "order_final"
    }

    public var runID: Int64
    /// Wall clock, seconds since the epoch.
    public var adoptedAt: Int64
    public var kind: Kind
    public var asset: String?
    public var clientOrderID: String?
    public var journal: String
    public var venue: String
    /// Venue − journal for a balance; 0 otherwise.
    public var offset: Double

    public init(
        runID: Int64, adoptedAt: Int64, kind: Kind, asset: String? = nil, clientOrderID: String? = nil,
        journal: String, venue: String, offset: Double = 0
    ) {
        self.runID = runID
        self.adoptedAt = adoptedAt
        self.kind = kind
        self.asset = asset
        self.clientOrderID = clientOrderID
        self.journal = journal
        self.venue = venue
        self.offset = offset
    }
}
