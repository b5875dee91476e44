

def test_a_span_of_years_is_written_as_each_language_writes_it():
    from forms.values import YearSpan

    assert YearSpan(2023, 2025).render("ko") == "2023~2025"
    assert YearSpan(2023, 2025).render("en") == "2023\u20132025"
    assert YearSpan(2024, 2024).render("ko") == "2024"
