"""Supervision by the Dinas Koperasi: officers' assignments and the district view.

An officer is assigned a kabupaten/kota (regency) or a province; they read the reporting
data of the cooperatives registered there and nothing else. The district list and totals
read ``CooperativeReportingSummary`` rows (one per cooperative), never the sale facts.
"""
