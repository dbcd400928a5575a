from django.urls import path

from . import views

urlpatterns = [
    path("comments/thread/<int:page_id>/", views.thread_fragment, name="comments_thread"),
    path("comments/form/<int:page_id>/", views.form_fragment, name="comments_form"),
    path("comments/replies/<int:comment_id>/", views.replies_page, name="comments_replies"),
    path("comments/counts/", views.comment_counts, name="comments_counts"),
    path("comments/<int:page_id>/", views.comments_page, name="comments_page"),
    path("comments/<int:page_id>/post/", views.comment_post, name="comments_post"),
    path("comments/edit/<int:comment_id>/", views.comment_edit, name="comments_edit"),
    path("comments/delete/<int:comment_id>/", views.comment_delete, name="comments_delete"),
    path("comments/report/<int:comment_id>/", views.comment_report, name="comments_report"),
    path("comments/respect/<int:comment_id>/", views.comment_respect, name="comments_respect"),
]
