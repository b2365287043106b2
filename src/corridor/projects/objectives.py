"""Cohesion policy objectives 2021-2027 (Regulations (EU) 2021/1058 and 2021/1059), with the
theme Corridor files each specific objective under."""

POLICY_OBJECTIVES = {
    "PO1": "A more competitive and smarter Europe",
    "PO2": "A greener, low-carbon Europe",
    "PO3": "A more connected Europe",
    "PO4": "A more social and inclusive Europe",
    "PO5": "A Europe closer to citizens",
    "PO6": "A better cooperation governance (Interreg-specific)",
    "ISO": "A better cooperation governance (Interreg-specific)",
}

# code: (short label, theme)
SPECIFIC_OBJECTIVES = {
    "RSO1.1": ("Research and innovation capacities, advanced technologies", "Research and innovation"),
    "RSO1.2": ("Digitisation for citizens, companies and public authorities", "Digitalisation"),
    "RSO1.3": ("Sustainable growth and competitiveness of SMEs", "SME competitiveness"),
    "RSO1.4": ("Skills for smart specialisation, industrial transition, entrepreneurship", "Skills and entrepreneurship"),
    "RSO1.5": ("Digital connectivity", "Digital connectivity"),
    "RSO2.1": ("Energy efficiency, reducing greenhouse gas emissions", "Energy efficiency"),
    "RSO2.2": ("Renewable energy", "Renewable energy"),
    "RSO2.3": ("Smart energy systems, grids and storage", "Smart energy systems"),
    "RSO2.4": ("Climate change adaptation, disaster risk prevention, resilience", "Climate adaptation and risk prevention"),
    "RSO2.5": ("Access to water and sustainable water management", "Water management"),
    "RSO2.6": ("Transition to a circular and resource-efficient economy", "Circular economy"),
    "RSO2.7": ("Nature protection, biodiversity, green infrastructure, less pollution", "Biodiversity and pollution"),
    "RSO2.8": ("Sustainable multimodal urban mobility", "Sustainable mobility"),
    "RSO3.1": ("Sustainable, climate-resilient and intermodal TEN-T", "Transport"),
    "RSO3.2": ("Sustainable national, regional and local mobility", "Transport"),
    "RSO4.1": ("Effective and inclusive labour markets", "Employment"),
    "RSO4.2": ("Inclusive and quality education, training and lifelong learning", "Education and training"),
    "RSO4.3": ("Socio-economic inclusion of marginalised communities", "Social inclusion"),
    "RSO4.4": ("Integration of third-country nationals, including migrants", "Migration and integration"),
    "RSO4.5": ("Equal access to health care, resilient health systems", "Health"),
    "RSO4.6": ("Culture and sustainable tourism", "Culture and tourism"),
    "RSO5.1": ("Integrated local development in urban areas", "Territorial development"),
    "RSO5.2": ("Integrated local development in non-urban areas", "Territorial development"),
    "ISO6.1": ("Institutional capacity of public authorities and stakeholders", "Cooperation governance"),
    "ISO6.2": ("Legal and administrative cooperation, removing border obstacles", "Cooperation governance"),
    "ISO6.3": ("Mutual trust through people-to-people actions", "Cooperation governance"),
    "ISO6.4": ("Capacity for macro-regional and sea-basin strategies", "Cooperation governance"),
    "ISO6.5": ("Sustainable democracy, civil society", "Cooperation governance"),
    "ISO6.6": ("Other actions for better cooperation governance", "Cooperation governance"),
}  # fmt: skip
# Some sources write RSO6.x for the Interreg-specific objectives.
for _n in range(1, 7):
    SPECIFIC_OBJECTIVES[f"RSO6.{_n}"] = SPECIFIC_OBJECTIVES[f"ISO6.{_n}"]


def objective_label(code: str) -> str:
    if code in SPECIFIC_OBJECTIVES:
        return SPECIFIC_OBJECTIVES[code][0]
    return POLICY_OBJECTIVES.get(code, "")


def objective_theme(code: str) -> str | None:
    entry = SPECIFIC_OBJECTIVES.get(code)
    return entry[1] if entry else None
